// A cycle's applications: each with its eligibility verdict (the conditions behind it on expanding),
// HR's nomination while applications are taken, the eligibility review, and HR's override with a reason.
import { useState } from 'react';
import { Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import { useStartJob } from '../jobs/useStartJob';
import { EmptyState, ErrorState } from '../ui';
import Nominate from './Nominate';
import { overrideVerdict, reviewEligibility, useApplications, type Application, type Cycle } from './api';
import { ListFilters, useServerList } from './serverList';

const STATUSES = ['submitted', 'eligible', 'ineligible', 'withdrawn'] as const;

// One page of the applications the caller may see, as the server filters and sorts it.
export default function Applications({ cycle, hr, levels }: { cycle: Cycle; hr: boolean; levels: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const list = useServerList('apps_page');
  const apps = useApplications(cycle.id, list.query);
  const [override, setOverride] = useState<{ app: Application; eligible: boolean } | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const act = useAction(['cycles']);
  const startJob = useStartJob();
  return (
    <>
      <Card
        title={t('cycles.applications')}
        extra={hr && cycle.status === 'application' ? <Nominate cycle={cycle} levels={levels} /> : hr && cycle.status === 'eligibility_review' && (
          <Popconfirm
            title={t('cycles.confirmReview')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              void startJob(() => reviewEligibility(cycle.id))
            }
          >
            <Button data-testid="cycle-review">{t('cycles.review')}</Button>
          </Popconfirm>
        )}
      >
        <ListFilters list={list} levels={levels} statuses={STATUSES} testid="apps" />
        {apps.error ? (
          <ErrorState error={apps.error} />
        ) : (
          <div data-testid="apps-table">
          <Table
            scroll={{ x: 'max-content' }}
            rowKey="id"
            size="small"
            loading={apps.isLoading}
            dataSource={apps.data?.items}
            pagination={list.pagination(apps.data?.total)}
            onChange={list.onChange}
            locale={{ emptyText: <EmptyState /> }}
            expandable={{
              rowExpandable: (a) => !!a.verdict,
              expandedRowRender: (a) =>
                a.verdict?.paths?.map((p, i) => (
                  <div key={i}>
                    <Typography.Text strong>{t('schemes.path', { n: i + 1 })}</Typography.Text>
                    {p.conditions?.map((cond, j) => (
                      <div key={j}>
                        <Typography.Text type={cond.met ? 'success' : 'danger'}>{cond.met ? '✓' : '✗'}</Typography.Text> {cond.explanation[lang]}
                      </div>
                    ))}
                  </div>
                )),
            }}
            columns={[
              { title: t('engineers.employeeNo'), dataIndex: 'employee_no', key: 'employee_no', sorter: true, sortOrder: list.sortOrder('employee_no') },
              { title: t('engineers.name'), dataIndex: 'engineer_name', key: 'name', sorter: true, sortOrder: list.sortOrder('name'), render: (v: string, a) => <Link to={`/engineers/${a.engineer_id}`}>{v}</Link> },
              { title: t('cycles.target'), dataIndex: 'target_rank', key: 'target_rank', sorter: true, sortOrder: list.sortOrder('target_rank'), render: (r: number) => levels.get(r) ?? r },
              {
                title: t('cycles.status'),
                dataIndex: 'status',
                key: 'status',
                sorter: true,
                sortOrder: list.sortOrder('status'),
                render: (s: string, a) => (
                  <Space>
                    <Tag color={s === 'eligible' ? 'green' : s === 'ineligible' ? 'red' : 'default'}>{t(`cycles.appStatuses.${s}`)}</Tag>
                    {a.override_reason && (
                      <Tooltip title={a.override_reason}>
                        <Tag color="orange">{t('cycles.overridden')}</Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: t('cycles.summary'), render: (_, a) => <div style={{ minWidth: 200, maxWidth: 420, whiteSpace: 'normal' }}>{a.verdict?.summary?.[lang] ?? '—'}</div> },
              {
                title: '',
                render: (_, a) =>
                  hr && cycle.status === 'eligibility_review' && (a.status === 'eligible' || a.status === 'ineligible') ? (
                    <Button size="small" data-testid={`override-${a.employee_no}`} onClick={() => setOverride({ app: a, eligible: a.status !== 'eligible' })}>
                      {t('cycles.override')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          </div>
        )}
      </Card>
      <Modal
        open={!!override}
        title={t('cycles.override')}
        onCancel={() => setOverride(null)}
        okButtonProps={{ disabled: !overrideReason.trim() }}
        onOk={() => {
          const o = override!;
          setOverride(null);
          void act(async () => overrideVerdict(o.app.id, { eligible: o.eligible, reason: overrideReason }));
          setOverrideReason('');
        }}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        {override && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              style={{ width: 200 }}
              value={override.eligible}
              onChange={(v) => setOverride({ ...override, eligible: v })}
              options={[
                { value: true, label: t('cycles.appStatuses.eligible') },
                { value: false, label: t('cycles.appStatuses.ineligible') },
              ]}
            />
            <Input.TextArea data-testid="override-reason" rows={3} placeholder={t('cycles.overrideReason')} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
          </Space>
        )}
      </Modal>
    </>
  );
}
