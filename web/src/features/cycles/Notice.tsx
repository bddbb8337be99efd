// The public notice: the published list (no scores unless the cycle shows them), with the engineer's
// own rows open to an appeal while the notice runs; HR sees the cycle's appeals below (features/appeals).
import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui';
import { useOwnApplications, usePublished, type Cycle } from './api';
import { formatScore } from '../format';
import { ListFilters, useServerList } from './serverList';
import AppealForm from '../appeals/AppealForm';
import AppealList from '../appeals/AppealList';

export default function Notice({ cycle, me, isHr, levels }: { cycle: Cycle; me?: number | null; isHr: boolean; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const list = useServerList('notice_page');
  const published = usePublished(cycle.id, list.query);
  // The engineer's own applications (to appeal their own rows), never the cycle's whole list.
  const mine = useOwnApplications(me);
  const [appealing, setAppealing] = useState<number | null>(null);
  const own = new Set((mine.data?.items ?? []).filter((a) => a.cycle_id === cycle.id).map((a) => a.application_id));
  const open = cycle.status === 'public_notice';
  // Only the fields the cycle publishes (scores are hidden unless HR chose to show them).
  type Row = NonNullable<typeof published.data>['items'][number];
  const shown = new Set(published.data?.fields ?? []);
  const all: ({ field: string } & ColumnType<Row>)[] = [
    { field: 'employee_no', title: t('engineers.employeeNo'), dataIndex: 'employee_no', key: 'employee_no', sorter: true, sortOrder: list.sortOrder('employee_no') },
    { field: 'engineer_name', title: t('engineers.name'), dataIndex: 'engineer_name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    { field: 'org_unit', title: t('engineers.org'), dataIndex: 'org_unit' },
    { field: 'target_rank', title: t('cycles.target'), dataIndex: 'target_rank', key: 'target_rank', sorter: true, sortOrder: list.sortOrder('target_rank'), render: (r: number) => levels.get(r) ?? r },
    { field: 'outcome', title: t('notice.result'), dataIndex: 'passed', render: (p: boolean) => <Tag color={p ? 'green' : 'default'}>{p ? t('scores.passed') : t('scores.failed')}</Tag> },
    { field: 'total', title: t('scores.total'), dataIndex: 'total', key: 'total', sorter: true, sortOrder: list.sortOrder('total'), render: (v: number) => formatScore(v) },
    { field: 'rank', title: t('cycles.fields.rank'), dataIndex: 'rank', key: 'rank', sorter: true, sortOrder: list.sortOrder('rank'), render: (n: number) => n || '—' },
  ];
  const published_columns = all.filter((c) => shown.has(c.field as never)).map(({ field: _, ...c }) => c);
  return (
    <Card data-testid="notice" title={`${t('notice.title')}${cycle.notice_ends_on ? ` · ${t('notice.until', { day: cycle.notice_ends_on })}` : ''}`}>
      {/* Only what the notice shows can be searched or filtered by. */}
      <ListFilters
        list={list}
        levels={levels}
        outcome={shown.has('outcome')}
        testid="notice"
        show={{ q: shown.has('engineer_name') || shown.has('employee_no'), org: shown.has('org_unit'), level: shown.has('target_rank') }}
      />
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="application_id"
        size="small"
        loading={published.isLoading}
        dataSource={published.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={list.pagination(published.data?.total)}
        onChange={list.onChange}
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
