// The jobs running on one cycle, each with its progress bar, phase and a cancel button; shown to
// everyone who may see them (a second HR user opening the page sees the review another started).
import { Button, Card, Popconfirm, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import { cancelJob, isActive, percentOf, useJobs } from './api';
import { useJobText } from './text';

export default function CycleJobs({ cycleId, enabled }: { cycleId: number; enabled: boolean }) {
  const { t } = useTranslation();
  const jobs = useJobs(enabled);
  const text = useJobText();
  const act = useAction(['jobs']);
  // A replay shows its progress, and then its differences, on its own card (features/cycles/Replay).
  const running = (jobs.data?.items ?? []).filter((j) => j.cycle_id === cycleId && isActive(j) && j.kind !== 'replay');
  if (!running.length) return null;
  return (
    <Card size="small" data-testid="cycle-jobs">
      <Space direction="vertical" style={{ width: '100%' }}>
        {running.map((j) => (
          <div key={j.id} data-testid={`job-${j.kind}`}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{t(`jobs.kinds.${j.kind}`)}</Typography.Text>
              <Typography.Text type="secondary" data-testid="job-phase">
                {text.phase(j)}
                {j.total > 0 && ` · ${j.done.toLocaleString()} / ${j.total.toLocaleString()}`}
                {` · ${t('jobs.by', { owner: j.owner })}`}
              </Typography.Text>
              {j.cancel_requested ? (
                <Typography.Text type="warning">{t('jobs.cancelling')}</Typography.Text>
              ) : (
                <Popconfirm
                  title={t('jobs.confirmCancel')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    void act(() => cancelJob(j.id))
                  }
                >
                  <Button size="small" danger data-testid="job-cancel">
                    {t('jobs.cancel')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
            <Progress percent={percentOf(j)} status="active" data-testid="job-progress" aria-label={t(`jobs.kinds.${j.kind}`)} />
          </div>
        ))}
      </Space>
    </Card>
  );
}
