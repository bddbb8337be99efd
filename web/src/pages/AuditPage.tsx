// 审计日志: filters by time, actor, action and object (kept in the URL, so a link can be shared),
// before/after as a readable diff with field labels, and a check of the hash chain.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState } from '../features/ui';
import { formatTime } from '../features/format';
import { useAudit, useAuditActions, verifyAuditChain } from '../features/audit/api';
import Diff from '../features/audit/Diff';

const ENTITIES = ['engineer', 'cycle', 'application', 'scheme', 'user', 'training', 'calendar', 'org_unit', 'database'];

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const page = Number(get('page')) || 1;
  const pageSize = Number(get('page_size')) || 50;
  const filter = { entity: get('entity'), entity_id: get('entity_id'), actor: get('actor'), action: get('action'), from: get('from'), to: get('to') };
  const set = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
  const audit = useAudit(page, pageSize, query);
  const actions = useAuditActions();
  const [verdict, setVerdict] = useState<{ ok: boolean; checked: number; first_broken: number; reason: string } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const verify = async () => {
    setVerifying(true);
    try {
      setVerdict(await verifyAuditChain());
    } finally {
      setVerifying(false);
    }
  };
  const actionLabel = (a: string) => t(`audit.actions.${a.replace('.', '_')}`, { defaultValue: a });
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {verdict && (
          <Alert
            type={verdict.ok ? 'success' : 'error'}
            showIcon
            closable
            onClose={() => setVerdict(null)}
            data-testid="audit-verdict"
            message={verdict.ok ? t('audit.chainOk', { count: verdict.checked }) : t('audit.chainBroken', { id: verdict.first_broken })}
            description={verdict.ok ? undefined : verdict.reason}
          />
        )}
        <Space wrap>
          <DatePicker.RangePicker
            value={filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
          <Input.Search allowClear style={{ width: 160 }} placeholder={t('audit.actor')} defaultValue={filter.actor} onSearch={(v) => set({ actor: v.trim() })} aria-label={t('audit.actor')} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            placeholder={t('audit.action')}
            value={filter.action || undefined}
            onChange={(v?: string) => set({ action: v })}
            options={(actions.data?.items ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
            aria-label={t('audit.action')}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('audit.entity')}
            value={filter.entity || undefined}
            onChange={(v?: string) => set({ entity: v })}
            options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
            aria-label={t('audit.entity')}
          />
          <Input.Search allowClear style={{ width: 130 }} placeholder={t('audit.entityId')} defaultValue={filter.entity_id} onSearch={(v) => set({ entity_id: v.trim() })} aria-label={t('audit.entityId')} />
          {Object.keys(query).length > 0 && <Button onClick={() => setParams({}, { replace: true })}>{t('common.reset')}</Button>}
        </Space>
        {audit.error ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
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
              onChange: (p, s) => set({ page: s !== pageSize ? 1 : p, page_size: s === 50 ? undefined : s }),
            }}
            expandable={{ expandedRowRender: (r) => <Diff before={r.before} after={r.after} /> }}
            columns={[
              { title: '#', dataIndex: 'id', width: 70 },
              { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
              { title: t('audit.actor'), dataIndex: 'actor' },
              { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <span title={a}>{actionLabel(a)}</span> },
              { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => t(`audit.entities.${e}`, { defaultValue: e }) },
              { title: t('audit.entityId'), dataIndex: 'entity_id' },
              { title: t('audit.hash'), dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
