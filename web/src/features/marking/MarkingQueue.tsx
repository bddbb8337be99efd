// The marker's queue (阅卷): every blueprint with answers waiting — its cycle, level, single or
// double marking, how many answers wait and how many this marker has marked — and a button that
// starts (or resumes) marking it. A table from a tablet up, cards on a phone.
import { Button, Card, Grid, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLevelLabels } from '../schemes/levels';
import { ErrorState, Loading } from '../ui';
import { useMarkingQueue, type QueueItem } from './api';

export default function MarkingQueue() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const navigate = useNavigate();
  const levels = useLevelLabels();
  const queue = useMarkingQueue();
  const level = (q: QueueItem) => levels.get(q.target_rank ?? 0) ?? String(q.target_rank ?? '—');
  const mode = (q: QueueItem) => <Tag color={q.double_marking ? 'purple' : 'blue'}>{t(q.double_marking ? 'marking.double' : 'marking.single')}</Tag>;
  const start = (q: QueueItem) => (
    <Button type="primary" onClick={() => navigate(`/marking/${q.blueprint_id}`)} data-testid="marking-start">
      {t('marking.start')}
    </Button>
  );
  const items = queue.data ?? [];

  let body;
  if (queue.isLoading) body = <Loading />;
  else if (queue.error) body = <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  else if (!items.length)
    body = (
      <div style={{ padding: 32, textAlign: 'center' }} data-testid="marking-empty">
        <Typography.Text type="secondary">{t('marking.queueEmpty')}</Typography.Text>
      </div>
    );
  else if (wide)
    body = (
      <Table<QueueItem>
        size="middle"
        rowKey="blueprint_id"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="marking-queue"
        onRow={(q) => ({ 'data-testid': `queue-${q.blueprint_id}` }) as never}
        columns={[
          { title: t('marking.cycle'), render: (_, q) => q.cycle_name },
          { title: t('examAdmin.level'), render: (_, q) => level(q) },
          { title: t('marking.mode'), render: (_, q) => mode(q) },
          { title: t('marking.waiting'), render: (_, q) => <span data-testid="queue-waiting">{q.waiting ?? 0}</span> },
          { title: t('marking.markedByMe'), render: (_, q) => <span data-testid="queue-mine">{q.mine ?? 0}</span> },
          { title: '', render: (_, q) => start(q) },
        ]}
      />
    );
  else
    body = (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="marking-queue">
        {items.map((q) => (
          <Card key={q.blueprint_id} size="small" title={q.cycle_name} extra={mode(q)} data-testid={`queue-${q.blueprint_id}`}>
            <div>
              <Typography.Text type="secondary">{t('examAdmin.level')}: </Typography.Text>
              {level(q)}
            </div>
            <Space size={16} style={{ margin: '4px 0 10px' }}>
              <span>
                <Typography.Text type="secondary">{t('marking.waiting')}: </Typography.Text>
                <span data-testid="queue-waiting">{q.waiting ?? 0}</span>
              </span>
              <span>
                <Typography.Text type="secondary">{t('marking.markedByMe')}: </Typography.Text>
                <span data-testid="queue-mine">{q.mine ?? 0}</span>
              </span>
            </Space>
            <div>{start(q)}</div>
          </Card>
        ))}
      </Space>
    );

  return (
    <Card title={t('marking.title')} data-testid="marking-page">
      <Typography.Paragraph type="secondary">{t('marking.intro')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
