// A cycle's list paged, filtered and sorted by the server: the page lives in the URL (it survives a
// visit to a profile and back), the filters and the sort in the component; a new filter or sort goes
// back to page 1. The table's pagination shows the server's total; the browser holds one page.
import { useState } from 'react';
import { Input, Select, Space, TreeSelect } from 'antd';
import type { SorterResult, SortOrder, TablePaginationConfig } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { useOrgTrees } from '../org/tree';
import { useUrlNumber } from '../urlState';
import type { ListQuery } from './api';

export const PAGE_SIZE = 20;
type Filters = Omit<ListQuery, 'page' | 'page_size'>;

export function useServerList(key: string, fixed: Filters = {}) {
  const { t } = useTranslation();
  const [page, setPage] = useUrlNumber(key, 1);
  const [filters, setFilters] = useState<Filters>({});
  const query: ListQuery = { page, page_size: PAGE_SIZE, ...filters, ...fixed };
  const set = (f: Filters) => {
    setFilters((prev) => ({ ...prev, ...f }));
    setPage(1);
  };
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize: PAGE_SIZE,
    total: total ?? 0,
    hideOnSinglePage: true,
    showSizeChanger: false,
    showTotal: (count) => t('common.total', { count }),
  });
  // The table's change: a new sort (a column's key, "-" first when descending) or another page.
  const onChange = <T,>(p: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
    if (sort !== filters.sort) set({ sort });
    else setPage(p.current ?? 1);
  };
  const sortOrder = (column: string): SortOrder => (filters.sort === column ? 'ascend' : filters.sort === `-${column}` ? 'descend' : null);
  return { query, filters, set, pagination, onChange, sortOrder };
}

type Bar = ReturnType<typeof useServerList>;

// The filters above a cycle's list: name or employee number, org subtree, target level and, where the
// list has them, the application's status and the outcome.
export function ListFilters({ list, levels, statuses, outcome, testid, show = { q: true, org: true, level: true } }: {
  list: Bar;
  levels: Map<number, string>;
  statuses?: readonly NonNullable<ListQuery['status']>[];
  outcome?: boolean;
  testid: string;
  show?: { q?: boolean; org?: boolean; level?: boolean };
}) {
  const { t } = useTranslation();
  const org = useOrgTrees();
  const [q, setQ] = useState(list.filters.q ?? '');
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid={`${testid}-filters`}>
      {show.q && (
        <Input.Search
          allowClear
          data-testid={`${testid}-q`}
          style={{ width: 220 }}
          placeholder={t('lists.q')}
          value={q}
          maxLength={100}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value) list.set({ q: undefined });
          }}
          onSearch={(v) => list.set({ q: v.trim() || undefined })}
        />
      )}
      {show.org && (
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          style={{ width: 200 }}
          treeData={org.byId}
          placeholder={t('lists.org')}
          value={list.filters.org_unit}
          onChange={(v?: number) => list.set({ org_unit: v ?? undefined })}
          data-testid={`${testid}-org`}
        />
      )}
      {show.level && (
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('lists.level')}
          value={list.filters.target_rank}
          onChange={(v?: number) => list.set({ target_rank: v ?? undefined })}
          options={[...levels].map(([rank, label]) => ({ value: rank, label }))}
          data-testid={`${testid}-level`}
        />
      )}
      {statuses && (
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('lists.status')}
          value={list.filters.status}
          onChange={(v?: ListQuery['status']) => list.set({ status: v ?? undefined })}
          options={statuses.map((s) => ({ value: s, label: t(`cycles.appStatuses.${s}`) }))}
          data-testid={`${testid}-status`}
        />
      )}
      {outcome && (
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('lists.outcome')}
          value={list.filters.outcome}
          onChange={(v?: ListQuery['outcome']) => list.set({ outcome: v ?? undefined })}
          options={[
            { value: 'passed', label: t('scores.passed') },
            { value: 'failed', label: t('scores.failed') },
          ]}
          data-testid={`${testid}-outcome`}
        />
      )}
    </Space>
  );
}
