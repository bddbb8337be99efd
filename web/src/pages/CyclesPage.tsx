import { useState } from 'react';
import { useUrlPage } from '../features/urlState';
import { Button, Card, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../features/auth/auth';
import { useCycles } from '../features/cycles/api';
import CreateCycle from '../features/cycles/CreateCycle';
import Expiring from '../features/certificates/Expiring';
import { EmptyState, ErrorState } from '../features/ui';

export default function CyclesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);
  const pagination = useUrlPage('page');
  if (cycles.error) return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('cycles.title')}
        extra={hasRole(user, 'admin', 'hr') && <Button type="primary" onClick={() => setCreating(true)}>{t('cycles.create')}</Button>}
      >
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          loading={cycles.isLoading}
          dataSource={cycles.data?.items}
          locale={{ emptyText: <EmptyState /> }}
          pagination={pagination}
          columns={[
            { title: t('cycles.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/cycles/${c.id}`}>{v}</Link> },
            { title: t('cycles.kind'), dataIndex: 'kind', render: (k: string) => t(`cycles.kinds.${k}`) },
            { title: t('cycles.status'), dataIndex: 'status', render: (s: string) => <Tag color="blue">{t(`cycles.statuses.${s}`)}</Tag> },
            { title: t('cycles.cutoff'), dataIndex: 'cutoff_date' },
            { title: t('cycles.openLevels'), dataIndex: 'open_ranks', render: (r: number[]) => r.join(', ') },
          ]}
        />
        <CreateCycle open={creating} onClose={() => setCreating(false)} />
      </Card>
      {hasRole(user, 'admin', 'hr', 'manager', 'auditor') && <Expiring />}
    </Space>
  );
}
