import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatScore } from '../format';
import { ErrorState } from '../ui';
import { useOwnResults } from './api';

// 我的等级: the cycles this engineer took part in, with the outcome and own scores once published.
export default function Results({ id, levels }: { id: number; levels: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const results = useOwnResults(id);
  if (results.error) return <ErrorState error={results.error} />;
  if (!results.data?.items.length) return null;
  return (
    <Card title={t('engineers.results')}>
      <Table
        rowKey="application_id"
        size="small"
        dataSource={results.data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('cycles.name'), dataIndex: 'cycle_name', render: (v: string, r) => <Link to={`/cycles/${r.cycle_id}`}>{v}</Link> },
          { title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
          { title: t('cycles.status'), dataIndex: 'cycle_status', render: (s: string) => t(`cycles.statuses.${s}`) },
          {
            title: t('scores.outcome'),
            render: (_, r) =>
              r.total === undefined ? (
                <Tag>{t(`cycles.appStatuses.${r.application_status}`)}</Tag>
              ) : (
                <Space direction="vertical" size={0}>
                  <Space>
                    <Tag color={r.passed ? 'green' : 'default'}>{r.passed ? t('scores.passed') : t('scores.failed')}</Tag>
                    <span>
                      {t('scores.total')}: {formatScore(r.total)}
                    </span>
                  </Space>
                  <Typography.Text type="secondary">
                    {(r.scores ?? []).map((s) => `${t(`components.${s.component}`)} ${s.absent ? t('scores.absent') : formatScore(s.score)}`).join(' · ')}
                  </Typography.Text>
                  {!r.passed &&
                    (r.outcome?.reasons ?? []).map((why, i) => (
                      <Typography.Text key={i} type="danger" data-testid="own-reason">
                        {why[lang]}
                      </Typography.Text>
                    ))}
                  {!r.passed && r.decision && r.decision !== 'approved' && <Typography.Text type="danger">{t('engineers.committeeDecision', { decision: t(`scores.decisions.${r.decision}`) })}</Typography.Text>}
                </Space>
              ),
          },
          {
            title: t('notice.appeal'),
            render: (_, r) =>
              r.appeals?.length ? (
                <Space direction="vertical" size={0} data-testid="own-appeals">
                  {r.appeals.map((a) => (
                    <span key={a.id}>
                      <Tag color={a.status === 'open' ? 'orange' : a.status === 'amended' ? 'green' : 'default'}>{t(`notice.statuses.${a.status}`)}</Tag>
                      {a.resolution && <Typography.Text type="secondary">{a.resolution}</Typography.Text>}
                    </span>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
