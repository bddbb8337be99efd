import { lazy, Suspense, useState } from 'react';
import { useUrlPage } from '../features/urlState';
import { Alert, Button, Card, Input, InputNumber, Modal, Popconfirm, Select, Space, Steps, Table, Tag, Tooltip, TreeSelect, Typography, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Problem } from '../api/client';
import ProblemList from '../features/ProblemList';
import { useAction } from '../features/forms';
import { hasRole, useUser } from '../features/auth/auth';
import { STATUSES, useApplications, useCycle, type Application, type Cycle } from '../features/cycles/api';
import { EmptyState, ErrorState, Loading } from '../features/ui';
import Scores from '../features/cycles/Scores';
import Notice from '../features/cycles/Notice';
import Settings from '../features/cycles/Settings';
import Nominate from '../features/cycles/Nominate';
import { useOrgTrees } from '../features/org';
import { useLevelLabels } from './EngineersPage';

const CycleReport = lazy(() => import('../features/cycles/Report'));

const today = () => new Date().toISOString().slice(0, 10);

// Quotas per open level: none, a number of places, or a percentage of the level's applicants.
function Quotas({ cycle, editable, levels }: { cycle: Cycle; editable: boolean; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const run = useAction(['cycles']);
  const org = useOrgTrees();
  const [unit, setUnit] = useState<{ rank?: number; org_unit?: string; kind: 'count' | 'percent'; value: number }>({ kind: 'count', value: 1 });
  const save = (rank: number, kind: string, value: number, org_unit = '') =>
    run(async () => unwrap(await api.POST('/api/v1/cycles/{id}/quotas', { params: { path: { id: cycle.id } }, body: { rank, org_unit, kind: kind as never, value } })));
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

export default function CyclePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const id = Number(useParams().id);
  const user = useUser();
  const cycle = useCycle(id);
  const apps = useApplications(id);
  const appsPage = useUrlPage('apps_page');
  const levels = useLevelLabels();
  const [back, setBack] = useState(false);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState<{ app: Application; eligible: boolean } | null>(null);
  const [early, setEarly] = useState<{ to: string; title: string } | null>(null);
  const [earlyReason, setEarlyReason] = useState('');
  const [blocked, setBlocked] = useState<Problem | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const act = useAction(['cycles']);
  if (cycle.isLoading) return <Loading />;
  if (cycle.error) return <ErrorState error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const { cycle: c, etag } = cycle.data!;
  const hr = hasRole(user, 'admin', 'hr');
  const at = STATUSES.indexOf(c.status as (typeof STATUSES)[number]);
  const canSeeResults = hasRole(user, 'admin', 'hr', 'committee', 'auditor');
  // A refused move explains itself: the notice still running offers HR an override with a reason; open
  // appeals or missing committee decisions are listed by name.
  const move = (to: string, why?: string, override?: boolean) =>
    act(async () => {
      try {
        unwrap(await api.POST('/api/v1/cycles/{id}/transition', { params: { path: { id }, header: { 'If-Match': etag } }, body: { to, ...(why ? { reason: why } : {}), ...(override ? { override } : {}) } }));
        void message.success(t('cycles.moved', { phase: t(`cycles.statuses.${to}`) }));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.problem.code === 'cycle.notice_running') setEarly({ to, title: e.problem.title });
        else if (e.problem.errors?.length) setBlocked(e.problem);
        else throw e;
      }
    });
  // The timeline's current step is the cycle's status itself (draft: none yet; closed: all done).
  const current = c.status === 'closed' ? c.phases.length : c.phases.findIndex((p) => p.phase === c.status);
  const next = STATUSES[at + 1];
  const prev = at > 0 && c.status !== 'closed' ? STATUSES[at - 1] : undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/cycles">{t('common.back')}</Link>
            <span data-testid="cycle-title">{c.name}</span>
            <Tag color="blue" data-testid="cycle-status">
              {t(`cycles.statuses.${c.status}`)}
            </Tag>
          </Space>
        }
        extra={
          hr && (
            <Space wrap>
              {prev && <Button onClick={() => setBack(true)}>{t('cycles.back', { phase: t(`cycles.statuses.${prev}`) })}</Button>}
              {next && (
                <Popconfirm title={t('cycles.confirmNext', { phase: t(`cycles.statuses.${next}`) })} onConfirm={() => void move(next)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button type="primary" data-testid="cycle-next">
                    {t('cycles.next', { phase: t(`cycles.statuses.${next}`) })}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          {t('cycles.cutoff')}: {c.cutoff_date} · {t('cycles.kind')}: {t(`cycles.kinds.${c.kind}`)} · {t('cycles.schemeVersion', { v: c.scheme_version })}
        </Typography.Paragraph>
        <Steps
          size="small"
          current={current}
          direction="vertical"
          data-testid="cycle-timeline"
          items={c.phases.map((p) => {
            const overdue = p.ends_on < today() && STATUSES.indexOf(p.phase as (typeof STATUSES)[number]) >= at;
            return {
              title: (
                <Space>
                  {t(`cycles.statuses.${p.phase}`)}
                  {overdue && <Tag color="red">{t('cycles.overdue')}</Tag>}
                </Space>
              ),
              description: `${p.starts_on} — ${p.ends_on} · ${t(`roles.${p.responsible_role}`)}`,
              status: overdue ? 'error' : undefined,
            };
          })}
        />
        <Quotas cycle={c} editable={hr && c.status !== 'certification' && c.status !== 'closed'} levels={levels} />
      </Card>
      <Card
        title={t('cycles.applications')}
        extra={hr && c.status === 'application' ? <Nominate cycle={c} levels={levels} /> : hr && c.status === 'eligibility_review' && (
          <Popconfirm
            title={t('cycles.confirmReview')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              void act(async () => {
                const r = unwrap(await api.POST('/api/v1/cycles/{id}/eligibility-review', { params: { path: { id } } }));
                void message.success(t('cycles.reviewed', { count: r.reviewed }));
              })
            }
          >
            <Button data-testid="cycle-review">{t('cycles.review')}</Button>
          </Popconfirm>
        )}
      >
        {apps.error ? (
          <ErrorState error={apps.error} />
        ) : (
          <Table
            scroll={{ x: 'max-content' }}
            rowKey="id"
            size="small"
            loading={apps.isLoading}
            dataSource={apps.data?.items}
            pagination={appsPage}
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
              { title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
              { title: t('engineers.name'), dataIndex: 'engineer_name', render: (v: string, a) => <Link to={`/engineers/${a.engineer_id}`}>{v}</Link> },
              { title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
              {
                title: t('cycles.status'),
                dataIndex: 'status',
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
                  hr && c.status === 'eligibility_review' && (a.status === 'eligible' || a.status === 'ineligible') ? (
                    <Button size="small" data-testid={`override-${a.employee_no}`} onClick={() => setOverride({ app: a, eligible: a.status !== 'eligible' })}>
                      {t('cycles.override')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {at >= STATUSES.indexOf('public_notice') && <Notice cycle={c} me={user.engineer_id} isHr={hr} levels={levels} />}
      <Scores
        cycle={c}
        canScore={hasRole(user, 'admin', 'hr', 'examiner')}
        canEvaluate={hr}
        canSeeResults={canSeeResults}
        canVote={hasRole(user, 'committee')}
      />
      {canSeeResults && at >= STATUSES.indexOf('written_exam') && (
        <Suspense fallback={<Loading />}>
          <CycleReport cycle={c} />
        </Suspense>
      )}
      {hr && <Settings key={etag} cycle={c} etag={etag} editable={c.status !== 'closed'} />}
      <Modal
        open={back}
        title={prev ? t('cycles.back', { phase: t(`cycles.statuses.${prev}`) }) : ''}
        onCancel={() => setBack(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => {
          setBack(false);
          void move(prev!, reason);
          setReason('');
        }}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Input.TextArea rows={3} placeholder={t('cycles.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal
        open={!!early}
        title={t('cycles.endNoticeEarly')}
        onCancel={() => setEarly(null)}
        okButtonProps={{ disabled: !earlyReason.trim(), danger: true }}
        onOk={() => {
          const e = early!;
          setEarly(null);
          void move(e.to, earlyReason, true);
          setEarlyReason('');
        }}
        okText={t('cycles.endNoticeEarly')}
        cancelText={t('common.cancel')}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={early?.title} data-testid="notice-running" />
          <Input.TextArea data-testid="early-reason" rows={3} placeholder={t('cycles.earlyReason')} value={earlyReason} onChange={(e) => setEarlyReason(e.target.value)} />
        </Space>
      </Modal>
      <Modal open={!!blocked} title={blocked?.title} onCancel={() => setBlocked(null)} footer={<Button onClick={() => setBlocked(null)}>{t('common.close')}</Button>} width={720}>
        {blocked && <ProblemList problem={blocked} />}
      </Modal>
      <Modal
        open={!!override}
        title={t('cycles.override')}
        onCancel={() => setOverride(null)}
        okButtonProps={{ disabled: !overrideReason.trim() }}
        onOk={() => {
          const o = override!;
          setOverride(null);
          void act(async () => unwrap(await api.POST('/api/v1/applications/{id}/override', { params: { path: { id: o.app.id } }, body: { eligible: o.eligible, reason: overrideReason } })));
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
    </Space>
  );
}
