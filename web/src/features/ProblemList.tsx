// The per-field / per-row errors of a problem+json response.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';

export default function ProblemList({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const rows = (problem.errors ?? []).map((e, i) => ({ key: i, ...e }));
  if (!rows.length) return null;
  const hasRows = rows.some((r) => r.row);
  return (
    <Table
      scroll={{ x: 'max-content' }}
      size="small"
      data-testid="problem-list"
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      dataSource={rows}
      columns={[
        ...(hasRows ? [{ title: t('engineers.row'), dataIndex: 'row', width: 70 }] : []),
        { title: hasRows ? t('engineers.column') : t('schemes.field'), render: (_: unknown, r: (typeof rows)[number]) => r.column || r.field, width: 220 },
        { title: t('engineers.message'), dataIndex: 'message' },
      ]}
    />
  );
}
