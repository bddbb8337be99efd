// HR's view of one blueprint's marking, in the cycle's written-exam section: answers waiting per
// round, settled, sent to a third marker, papers still without a score; each marker's workload; and
// the regrade of the submitted papers after a key correction.
import { useState } from 'react';
import { Button, Card, Flex, Grid, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints, type Blueprint } from '../examAdmin/api';
import { ErrorState, Loading } from '../ui';
import { useMarkingProgress, type MarkingProgress as ProgressReport } from './api';
import RegradeDialog from './RegradeDialog';

type Marker = NonNullable<ProgressReport['markers']>[number];

export default function MarkingProgress({ blueprint, level, editable }: { blueprint: Blueprint; level: string; editable: boolean }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const progress = useMarkingProgress(blueprint.id!);
  const [regrading, setRegrading] = useState(false);
  const p = progress.data;
  const double = p?.double_marking ?? blueprint.double_marking ?? true;
  const waiting = (p?.waiting_first ?? 0) + (p?.waiting_second ?? 0) + (p?.waiting_third ?? 0);
  const answers = waiting + (p?.settled ?? 0);
  const regradeButton = editable && (
    <Button size="small" onClick={() => setRegrading(true)} data-testid="regrade-open">
      {t('marking.regrade')}
    </Button>
  );
  const stat = (key: string, title: string, value: number | undefined, warn = false) => (
    <Statistic key={key} title={title} value={value ?? 0} valueStyle={{ fontSize: 20, color: warn && (value ?? 0) > 0 ? '#d46b08' : undefined }} data-testid={`marking-${key}`} />
  );

  return (
    <Card
      size="small"
      data-testid={`marking-progress-${blueprint.id}`}
      styles={{ title: { whiteSpace: 'normal', padding: '6px 0' } }}
      title={
        <Space wrap size={6}>
          <span>{level}</span>
          <Tag color={double ? 'purple' : 'blue'}>{double ? t('marking.doubleWith', { percent: p?.discrepancy_percent ?? blueprint.discrepancy_percent ?? 20 }) : t('marking.single')}</Tag>
        </Space>
      }
      extra={wide && regradeButton}
    >
      {progress.isLoading ? (
        <Loading />
      ) : progress.error ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : !answers ? (
        <Typography.Text type="secondary" data-testid="marking-nothing">
          {t('marking.nothingToMark')}
        </Typography.Text>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Progress percent={Math.floor(((p?.settled ?? 0) * 100) / answers)} format={() => t('marking.settledOf', { settled: p?.settled ?? 0, total: answers })} data-testid="marking-bar" />
          <Flex wrap gap="12px 32px">
            {stat('waiting-first', t(double ? 'marking.waitingFirst' : 'marking.waitingMark'), p?.waiting_first)}
            {double && stat('waiting-second', t('marking.waitingSecond'), p?.waiting_second)}
            {double && stat('waiting-third', t('marking.waitingThird'), p?.waiting_third, true)}
            {stat('settled', t('marking.settled'), p?.settled)}
            {double && stat('discrepant', t('marking.discrepant'), p?.discrepant, true)}
            {stat('pending', t('marking.attemptsPending'), p?.attempts_pending, true)}
          </Flex>
          <Table<Marker>
            size="small"
            rowKey="user_id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p?.markers ?? []}
            locale={{ emptyText: t('marking.noMarkers') }}
            data-testid="marking-workload"
            onRow={(m) => ({ 'data-testid': `marker-${m.user_id}` }) as never}
            columns={[
              { title: t('marking.marker'), dataIndex: 'name' },
              { title: t('marking.marked'), dataIndex: 'marked', align: 'right' },
              { title: t('marking.claimed'), dataIndex: 'claimed', align: 'right' },
              ...(double ? [{ title: t('marking.third'), dataIndex: 'third', align: 'right' as const }] : []),
              { title: t('marking.meanPoints'), align: 'right', render: (_, m) => formatPoints(m.mean_points) },
            ]}
          />
        </Space>
      )}
      {/* On a phone the button goes under the figures: beside the title it would cover the level. */}
      {!wide && regradeButton && <div style={{ marginTop: 12 }}>{regradeButton}</div>}
      {regrading && <RegradeDialog open blueprint={blueprint} level={level} onClose={() => setRegrading(false)} />}
    </Card>
  );
}
