// Replay for auditors (重放评定): the evaluation recomputed as a job and compared with the stored
// results; while it runs its progress, then "identical" or the differences, application by application.
import { useState } from 'react';
import { Alert, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { cancelJob, percentOf, useJob } from '../jobs/api';
import { startReplay, type Cycle, type ReplayDifference, type ReplayResult } from './api';

type Side = ReplayDifference['stored'];

export default function Replay({ cycle }: { cycle: Cycle }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [jobId, setJobId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const job = useJob(jobId);
  const j = job.data;
  const running = !!j && (j.state === 'queued' || j.state === 'running');
  const start = async () => {
    setStarting(true);
    setRefused(null);
    try {
      setJobId((await startReplay(cycle.id)).id);
    } catch (e) {
      setRefused(e instanceof ApiError ? e.problem.title : String(e));
    } finally {
      setStarting(false);
    }
  };
  const result = j?.state === 'succeeded' ? (j.result as unknown as ReplayResult) : null;
  const failure = j?.state === 'failed' ? ((j.error as { title?: { zh: string; en: string } } | null)?.title?.[lang] ?? t('replay.failed')) : null;
  const line = (s: Side) =>
    !s ? t('replay.none')
    : s.outcome === 'not_passed' ? t('replay.lineNotRanked', { outcome: t(`replay.outcomes.${s.outcome}`), total: s.total.toFixed(2) })
    : t('replay.line', { outcome: t(`replay.outcomes.${s.outcome}`), total: s.total.toFixed(2), rank: s.rank });
  return (
    <Card
      title={t('replay.title')}
      data-testid="replay"
      extra={
        <Space wrap>
          {running && (
            <Button onClick={() => void cancelJob(j.id).then(() => job.refetch())} data-testid="replay-cancel">
              {t('replay.cancel')}
            </Button>
          )}
          <Button type="primary" loading={starting || running} onClick={() => void start()} data-testid="replay-start">
            {j ? t('replay.again') : t('replay.start')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('replay.hint')}
          {(cycle.status === 'certification' || cycle.status === 'closed') && (lang === 'en' ? ' ' : '') + t('replay.asStored')}
        </Typography.Paragraph>
        {refused && <Alert type="error" showIcon message={refused} />}
        {running && (
          <div data-testid="replay-progress">
            <Typography.Text>{j.state === 'queued' ? t('replay.queued') : t('replay.running', { done: j.done, total: j.total })}</Typography.Text>
            <Progress percent={percentOf(j)} status="active" />
          </div>
        )}
        {failure && <Alert type="error" showIcon message={failure} data-testid="replay-failed" />}
        {j?.state === 'cancelled' && <Alert type="info" showIcon message={t('replay.cancelled')} />}
        {result?.identical && (
          <Alert
            type="success"
            showIcon
            data-testid="replay-identical"
            message={t('replay.identical')}
            description={t('replay.identicalDetail', { count: result.evaluated })}
          />
        )}
        {result && !result.identical && (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="replay-different"
              message={t('replay.different', { count: result.differences })}
              description={
                <>
                  {t('replay.differentDetail', { added: result.added, changed: result.changed, removed: result.removed })}
                  {result.listed.length < result.differences && ` · ${t('replay.listed', { count: result.listed.length })}`}
                </>
              }
            />
            <Table<ReplayDifference>
              data-testid="replay-differences"
              size="small"
              rowKey="application_id"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={result.listed}
              columns={[
                { title: t('replay.columns.applicant'), render: (_, d) => `${d.engineer_name} (${d.employee_no})` },
                { title: t('replay.columns.kind'), render: (_, d) => <Tag color={d.kind === 'changed' ? 'orange' : 'red'}>{t(`replay.kinds.${d.kind}`)}</Tag> },
                { title: t('replay.columns.stored'), render: (_, d) => line(d.stored) },
                { title: t('replay.columns.replayed'), render: (_, d) => line(d.replayed) },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
