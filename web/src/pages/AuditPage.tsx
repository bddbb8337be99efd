import { useState } from 'react';
import { Card, Select, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { EmptyState, ErrorState } from '../features/ui';

export default function AuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [entity, setEntity] = useState<string | undefined>();
  const audit = useQuery({
    queryKey: ['audit', page, pageSize, entity],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/audit', { params: { query: { page, page_size: pageSize, ...(entity ? { entity } : {}) } } })),
  });
  if (audit.error) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Select
          allowClear
          placeholder={t('audit.entity')}
          style={{ width: 160 }}
          value={entity}
          onChange={(v) => {
            setEntity(v);
            setPage(1);
          }}
          options={['engineer', 'scheme', 'user', 'database'].map((e) => ({ value: e, label: e }))}
        />
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={audit.isFetching}
        dataSource={audit.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ whiteSpace: 'pre-wrap', maxHeight: 300, overflow: 'auto' }}>
              before: {r.before}
              {'\n'}after: {r.after}
            </pre>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', width: 190 },
          { title: t('audit.actor'), dataIndex: 'actor' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), dataIndex: 'entity' },
          { title: t('audit.entityId'), dataIndex: 'entity_id' },
          { title: t('audit.hash'), dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
