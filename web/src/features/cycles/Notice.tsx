// The public notice: the published list (no scores unless the cycle shows them), with the engineer's
// own rows open to an appeal while the notice runs; HR sees the cycle's appeals below (features/appeals).
import { useState } from 'react';
import { useUrlPage } from '../urlState';
import { Button, Card, Table, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui';
import { useApplications, usePublished, type Cycle } from './api';
import { byName, formatScore } from '../format';
import AppealForm from '../appeals/AppealForm';
import AppealList from '../appeals/AppealList';

export default function Notice({ cycle, me, isHr, levels }: { cycle: Cycle; me?: number | null; isHr: boolean; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const pagination = useUrlPage('notice_page');
  const published = usePublished(cycle.id);
  const mine = useApplications(cycle.id, !!me);
  const [appealing, setAppealing] = useState<number | null>(null);
  const own = new Set((mine.data?.items ?? []).filter((a) => a.engineer_id === me).map((a) => a.id));
  const open = cycle.status === 'public_notice';
  // Only the fields the cycle publishes (scores are hidden unless HR chose to show them).
  type Row = NonNullable<typeof published.data>['items'][number];
  const shown = new Set(published.data?.fields ?? []);
  const all: ({ field: string } & ColumnType<Row>)[] = [
    { field: 'employee_no', title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
    { field: 'engineer_name', title: t('engineers.name'), dataIndex: 'engineer_name', sorter: (a, b) => byName(a.engineer_name ?? '', b.engineer_name ?? '') },
    { field: 'org_unit', title: t('engineers.org'), dataIndex: 'org_unit' },
    { field: 'target_rank', title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
    { field: 'outcome', title: t('notice.result'), dataIndex: 'passed', render: (p: boolean) => <Tag color={p ? 'green' : 'default'}>{p ? t('scores.passed') : t('scores.failed')}</Tag> },
    { field: 'total', title: t('scores.total'), dataIndex: 'total', render: (v: number) => formatScore(v) },
    { field: 'rank', title: t('cycles.fields.rank'), dataIndex: 'rank', render: (n: number) => n || '—' },
  ];
  const published_columns = all.filter((c) => shown.has(c.field as never)).map(({ field: _, ...c }) => c);
  return (
    <Card data-testid="notice" title={`${t('notice.title')}${cycle.notice_ends_on ? ` · ${t('notice.until', { day: cycle.notice_ends_on })}` : ''}`}>
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="application_id"
        size="small"
        dataSource={published.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={pagination}
        columns={[
          ...published_columns,
          {
            title: '',
            render: (_, r) =>
              open && own.has(r.application_id) ? (
                <Button size="small" data-testid="appeal" onClick={() => setAppealing(r.application_id)}>
                  {t('notice.appeal')}
                </Button>
              ) : null,
          },
        ]}
      />
      {isHr && <AppealList cycle={cycle} levels={levels} />}
      <AppealForm applicationId={appealing} onClose={() => setAppealing(null)} />
    </Card>
  );
}
