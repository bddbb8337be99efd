import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { TableProps } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { exportEngineers, useEngineers, type EngineerQuery } from '../features/engineers/api';
import { useStartJob } from '../features/jobs/useStartJob';
import ImportDialog, { type ImportKind } from '../features/ImportDialog';
import { useProductLines } from '../features/productLines/api';
import { useOrgTrees } from '../features/org/tree';
import { useLevelLabels } from '../features/schemes/levels';
import { hasRole, useUser } from '../features/auth/auth';
import { EmptyState, ErrorState } from '../features/ui';
import CreateEngineer from '../features/engineers/CreateEngineer';
import MakeAccounts from '../features/engineers/MakeAccounts';
import type { Engineer } from '../api/client';

const DEFAULT_QUERY: EngineerQuery = { page: 1, page_size: 20, sort: 'employee_no' };
const SORTS = /^-?(employee_no|name|org_unit|rank|hire_date)$/;

// Only well-formed values are taken from the URL; anything else falls back to the default.
function queryFromParams(p: URLSearchParams): EngineerQuery {
  const int = (k: string, min: number, max: number) => {
    const v = p.get(k);
    return v !== null && /^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined;
  };
  const status = p.get('status');
  const account = p.get('account');
  const sort = p.get('sort') ?? '';
  return {
    q: p.get('q') || undefined,
    org_unit: int('org_unit', 1, 1e9),
    rank: int('rank', 0, 20),
    product_line: p.get('product_line') || undefined,
    status: status === 'active' || status === 'left' ? status : undefined,
    account: account === 'none' || account === 'yes' ? account : undefined,
    sort: SORTS.test(sort) ? sort : DEFAULT_QUERY.sort,
    page: int('page', 1, 1e6) ?? 1,
    page_size: [10, 20, 50, 100].includes(int('page_size', 1, 200) ?? 0) ? int('page_size', 1, 200)! : DEFAULT_QUERY.page_size,
  };
}

function paramsFromQuery(q: EngineerQuery): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '' || v === DEFAULT_QUERY[k as keyof EngineerQuery]) continue;
    out.set(k, String(v));
  }
  return out;
}

export default function EngineersPage() {
  const { t } = useTranslation();
  const user = useUser();
  const startJob = useStartJob();
  // The list's filters, sort and page live in the URL: they survive a visit to a profile and back, and a link shares them.
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const setQuery = (f: (q: EngineerQuery) => EngineerQuery) => setParams(paramsFromQuery(f(query)), { replace: true });
  const [search, setSearch] = useState(query.q ?? '');
  const [importing, setImporting] = useState<ImportKind | null>(null);
  const [creating, setCreating] = useState(false);
  const isAdmin = hasRole(user, 'admin');
  // The account filter is the administrator's (the server refuses it to others).
  const list = useEngineers(isAdmin ? query : { ...query, account: undefined });
  const levels = useLevelLabels();
  const [selected, setSelected] = useState<number[]>([]);

  const org = useOrgTrees();
  const lines = useProductLines();

  const set = (patch: Partial<EngineerQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const onChange: TableProps<Engineer>['onChange'] = (p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey as string | undefined;
    const sort = key && s.order ? (s.order === 'descend' ? `-${key}` : key) : 'employee_no';
    setQuery((q) => ({ ...q, page: p.current ?? 1, page_size: p.pageSize ?? 20, sort }));
  };
  const sortOrder = (key: string) => (query.sort === key ? 'ascend' : query.sort === `-${key}` ? 'descend' : null);

  const { page: _p, page_size: _s, ...filters } = query;
  return (
    <Card
      title={t('engineers.title')}
      extra={
        <Space wrap>
          {hasRole(user, 'admin', 'hr') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('engineers.create')}
            </Button>
          )}
          {hasRole(user, 'admin', 'hr') && (
            <Button
              data-testid="open-import"
              onClick={() =>
                setImporting({ url: '/api/v1/engineers/import', title: 'engineers.importTitle', hint: 'engineers.importHint', ok: 'engineers.importOk', template: '/api/v1/engineers/import-template.xlsx', preview: true })
              }
            >
              {t('engineers.import')}
            </Button>
          )}
          {hasRole(user, 'admin', 'hr') && (
            <Button onClick={() => setImporting({ url: '/api/v1/training/import', title: 'engineers.trainingImport', hint: 'engineers.trainingHint', ok: 'engineers.trainingOk', template: '/api/v1/training/import-template.xlsx', catalogue: true })}>
              {t('engineers.trainingImport')}
            </Button>
          )}
          {hasRole(user, 'admin', 'hr', 'manager', 'auditor') && (
            <Button onClick={() => void startJob(() => exportEngineers(filters))} data-testid="export-engineers">
              {t('engineers.export')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="engineer-search"
          placeholder={t('engineers.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        <TreeSelect
          allowClear
          placeholder={t('engineers.org')}
          style={{ width: 220 }}
          treeData={org.byId}
          value={query.org_unit}
          onChange={(v) => set({ org_unit: v ?? undefined })}
          treeDefaultExpandAll={false}
        />
        <Select
          allowClear
          placeholder={t('engineers.level')}
          style={{ width: 200 }}
          value={query.rank}
          onChange={(v) => set({ rank: v ?? undefined })}
          options={[{ value: 0, label: t('engineers.noLevel') }, ...[...levels].map(([rank, label]) => ({ value: rank, label }))]}
        />
        <Select
          allowClear
          placeholder={t('engineers.productLine')}
          style={{ width: 150 }}
          value={query.product_line}
          onChange={(v) => set({ product_line: v ?? undefined })}
          options={lines.options}
        />
        <Select
          allowClear
          placeholder={t('engineers.status')}
          style={{ width: 120 }}
          value={query.status}
          onChange={(v) => set({ status: v ?? undefined })}
          options={[
            { value: 'active', label: t('engineers.active') },
            { value: 'left', label: t('engineers.left') },
          ]}
        />
        {isAdmin && (
          <Select
            allowClear
            data-testid="account-filter"
            placeholder={t('engineers.account')}
            style={{ width: 140 }}
            value={query.account}
            onChange={(v) => set({ account: v ?? undefined })}
            options={[
              { value: 'none', label: t('engineers.accountNone') },
              { value: 'yes', label: t('engineers.accountYes') },
            ]}
          />
        )}
        <Button
          onClick={() => {
            setSearch('');
            setQuery(() => DEFAULT_QUERY);
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
      {isAdmin && <MakeAccounts selected={selected} onClear={() => setSelected([])} />}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Engineer>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          onChange={onChange}
          rowSelection={isAdmin ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected((keys as number[]).slice(0, 100)), getCheckboxProps: (e) => ({ disabled: e.status !== 'active' }) } : undefined}
          locale={{ emptyText: <EmptyState /> }}
          scroll={{ x: 900 }}
          pagination={{
            current: query.page,
            pageSize: query.page_size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          columns={[
            { title: t('engineers.employeeNo'), dataIndex: 'employee_no', key: 'employee_no', sorter: true, sortOrder: sortOrder('employee_no'), width: 120 },
            {
              title: t('engineers.name'),
              dataIndex: 'name',
              key: 'name',
              sorter: true,
              sortOrder: sortOrder('name'),
              render: (v: string, e) => <Link to={`/engineers/${e.id}`}>{v}</Link>,
            },
            { title: t('engineers.org'), dataIndex: 'org_unit_name', key: 'org_unit', sorter: true, sortOrder: sortOrder('org_unit') },
            {
              title: t('engineers.level'),
              dataIndex: 'rank',
              key: 'rank',
              sorter: true,
              sortOrder: sortOrder('rank'),
              render: (r: number) => (r ? <Tag color="geekblue">{levels.get(r) ?? r}</Tag> : <Tag>{t('engineers.noLevel')}</Tag>),
            },
            { title: t('engineers.hireDate'), dataIndex: 'hire_date', key: 'hire_date', sorter: true, sortOrder: sortOrder('hire_date'), width: 120 },
            { title: t('engineers.productLines'), dataIndex: 'product_lines', render: (v: string[]) => lines.join(v) },
            {
              title: t('engineers.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`engineers.${s}`)}</Tag>,
            },
          ]}
        />
      )}
      <ImportDialog kind={importing} onClose={() => setImporting(null)} />
      <CreateEngineer open={creating} onClose={() => setCreating(false)} orgTree={org.byCode} levels={levels} productLines={lines.options} />
    </Card>
  );
}
