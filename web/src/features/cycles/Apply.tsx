import { Button, Popconfirm, Space, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../auth/auth';
import { useAction } from '../forms';
import { submitApplication, useCycles, useOwnApplications, withdrawApplication, type Cycle } from './api';

// Applying for the next level in a cycle that is taking applications for it, or withdrawing.
function ApplyIn({ cycle, engineerId, rank, eligible }: { cycle: Cycle; engineerId: number; rank: number; eligible: boolean }) {
  const { t } = useTranslation();
  // The engineer's own applications only, never the cycle's whole list.
  const apps = useOwnApplications(engineerId);
  const own = apps.data?.items.find((a) => a.cycle_id === cycle.id && a.application_status !== 'withdrawn');
  const mine = own ? { id: own.application_id, status: own.application_status } : undefined;
  const run = useAction(['cycles']);
  if (apps.isLoading) return null;
  if (mine)
    return (
      <Space>
        <Tag color="blue">{`${cycle.name} · ${t(`cycles.appStatuses.${mine.status}`)}`}</Tag>
        {mine.status === 'submitted' && (
          <Popconfirm
            title={t('cycles.confirmWithdraw', { cycle: cycle.name })}
            okText={t('cycles.withdraw')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              void run(async () => {
                await withdrawApplication(mine.id);
                void message.success(t('cycles.withdrawn'));
              })
            }
          >
            <Button size="small" data-testid={`withdraw-${cycle.id}`}>
              {t('cycles.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  const apply = () =>
    run(async () => {
      await submitApplication(cycle.id, { engineer_id: engineerId, target_rank: rank });
      void message.success(t('cycles.applied', { cycle: cycle.name }));
    });
  // Applying while the checklist shows something missing is allowed (the review decides), after a warning.
  return (
    <Popconfirm
      title={eligible ? t('cycles.confirmApply', { cycle: cycle.name }) : t('cycles.applyNotYet')}
      description={eligible ? undefined : t('cycles.applyNotYetHint')}
      icon={eligible ? undefined : <Typography.Text type="warning">⚠</Typography.Text>}
      okText={t('cycles.applyShort')}
      cancelText={t('common.cancel')}
      onConfirm={() => void apply()}
    >
      <Button type="primary" size="small" data-testid={`apply-${cycle.id}`}>
        {t('cycles.apply', { cycle: cycle.name })}
      </Button>
    </Popconfirm>
  );
}

export default function ApplyButton({ engineerId, rank, eligible }: { engineerId: number; rank: number; eligible: boolean }) {
  const user = useUser();
  const cycles = useCycles();
  if (!hasRole(user, 'admin', 'hr', 'manager', 'engineer')) return null;
  const open = cycles.data?.items.filter((c) => c.status === 'application' && c.open_ranks.includes(rank)) ?? [];
  return (
    <Space wrap>
      {open.map((c) => (
        <ApplyIn key={c.id} cycle={c} engineerId={engineerId} rank={rank} eligible={eligible} />
      ))}
    </Space>
  );
}
