import { useState } from 'react';
import { Button, InputNumber, Popconfirm, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import { useOrgTrees } from '../org/tree';
import { setQuota, type Cycle } from './api';

// Quotas per open level: none, a number of places, or a percentage of the level's applicants.
export default function Quotas({ cycle, editable, levels }: { cycle: Cycle; editable: boolean; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const run = useAction(['cycles']);
  const org = useOrgTrees();
  const [unit, setUnit] = useState<{ rank?: number; org_unit?: string; kind: 'count' | 'percent'; value: number }>({ kind: 'count', value: 1 });
  const save = (rank: number, kind: string, value: number, org_unit = '') =>
    run(async () => setQuota(cycle.id, { rank, org_unit, kind: kind as never, value }));
  const unitQuotas = (cycle.quotas ?? []).filter((q) => q.org_unit_id);
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
      <Typography.Text strong>{t('cycles.quotas')}</Typography.Text>
      {cycle.open_ranks.map((rank) => {
        const q = cycle.quotas?.find((x) => x.rank === rank && !x.org_unit_id);
        return (
          <Space key={rank} wrap>
            <span style={{ display: 'inline-block', minWidth: 200 }}>{levels.get(rank) ?? rank}</span>
            <Select
              style={{ width: 140 }}
              disabled={!editable}
              value={q?.kind ?? 'none'}
              onChange={(kind) => void save(rank, kind, q?.value ?? (kind === 'percent' ? 30 : 10))}
              options={['none', 'count', 'percent'].map((k) => ({ value: k, label: t(`cycles.quotaKinds.${k}`) }))}
            />
            {q && (
              <InputNumber
                disabled={!editable}
                min={0}
                max={q.kind === 'percent' ? 100 : undefined}
                defaultValue={q.value}
                addonAfter={q.kind === 'percent' ? '%' : t('cycles.people')}
                onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isFinite(v) && v !== q.value) void save(rank, q.kind ?? "count", v);
                }}
              />
            )}
          </Space>
        );
      })}
      <Typography.Text type="secondary">{t('cycles.unitQuotas')}</Typography.Text>
      {unitQuotas.length === 0 && <Typography.Text type="secondary">— {t('cycles.noUnitQuotas')}</Typography.Text>}
      {unitQuotas.map((q) => (
        <Space key={`${q.rank}-${q.org_unit_id}`} data-testid="unit-quota">
          <span style={{ display: 'inline-block', minWidth: 200 }}>{levels.get(q.rank ?? 0) ?? q.rank}</span>
          <span>{q.org_unit_name}</span>
          <Tag>{q.kind === 'percent' ? `${q.value}%` : `${q.value} ${t('cycles.people')}`}</Tag>
          {editable && org.codeOf(q.org_unit_id ?? 0) && (
            <Popconfirm title={`${t('cycles.remove')}?`} onConfirm={() => void save(q.rank ?? 0, 'none', 0, org.codeOf(q.org_unit_id ?? 0))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button size="small">{t('cycles.remove')}</Button>
            </Popconfirm>
          )}
        </Space>
      ))}
      {editable && (
        <Space wrap>
          <Select style={{ width: 200 }} placeholder={t('cycles.target')} value={unit.rank} onChange={(rank) => setUnit({ ...unit, rank })} options={cycle.open_ranks.map((r) => ({ value: r, label: levels.get(r) ?? r }))} />
          <TreeSelect style={{ width: 220 }} placeholder={t('cycles.unitQuota')} showSearch treeNodeFilterProp="title" treeData={org.byCode} value={unit.org_unit} onChange={(org_unit) => setUnit({ ...unit, org_unit })} />
          <Select style={{ width: 120 }} value={unit.kind} onChange={(kind) => setUnit({ ...unit, kind })} options={(['count', 'percent'] as const).map((k) => ({ value: k, label: t(`cycles.quotaKinds.${k}`) }))} />
          <InputNumber min={0} max={unit.kind === 'percent' ? 100 : undefined} value={unit.value} onChange={(v) => setUnit({ ...unit, value: v ?? 0 })} addonAfter={unit.kind === 'percent' ? '%' : t('cycles.people')} />
          <Button disabled={!unit.rank || !unit.org_unit} onClick={() => void save(unit.rank!, unit.kind, unit.value, unit.org_unit)}>
            {t('cycles.addQuota')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
