import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Timeline, Tooltip, Typography, message } from 'antd';
import { formatScore } from '../features/format';
import { useProductLines } from '../features/productLines';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useApplications, useCycles, type Cycle } from '../features/cycles/api';
import { useAction, useRequired, useSubmit } from '../features/forms';
import { useOrgTrees } from '../features/org';
import { hasRole, useUser } from '../features/auth/auth';
import CreateEngineer from '../features/engineers/CreateEngineer';
import { useTranslation } from 'react-i18next';
import { useCertificates, useEngineer, useNextLevel, useOwnResults, useTraining } from '../features/engineers/api';

// 我的等级: the cycles this engineer took part in, with the outcome and own scores once published.
function Results({ id, levels }: { id: number; levels: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const results = useOwnResults(id);
  if (results.error) return <ErrorState error={results.error} />;
  if (!results.data?.items.length) return null;
  return (
    <Card title={t('engineers.results')}>
      <Table
        rowKey="application_id"
        size="small"
        dataSource={results.data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('cycles.name'), dataIndex: 'cycle_name', render: (v: string, r) => <Link to={`/cycles/${r.cycle_id}`}>{v}</Link> },
          { title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
          { title: t('cycles.status'), dataIndex: 'cycle_status', render: (s: string) => t(`cycles.statuses.${s}`) },
          {
            title: t('scores.outcome'),
            render: (_, r) =>
              r.total === undefined ? (
                <Tag>{t(`cycles.appStatuses.${r.application_status}`)}</Tag>
              ) : (
                <Space direction="vertical" size={0}>
                  <Space>
                    <Tag color={r.passed ? 'green' : 'default'}>{r.passed ? t('scores.passed') : t('scores.failed')}</Tag>
                    <span>
                      {t('scores.total')}: {formatScore(r.total)}
                    </span>
                  </Space>
                  <Typography.Text type="secondary">
                    {(r.scores ?? []).map((s) => `${t(`components.${s.component}`)} ${s.absent ? t('scores.absent') : formatScore(s.score)}`).join(' · ')}
                  </Typography.Text>
                  {!r.passed &&
                    (r.outcome?.reasons ?? []).map((why, i) => (
                      <Typography.Text key={i} type="danger" data-testid="own-reason">
                        {why[lang]}
                      </Typography.Text>
                    ))}
                  {!r.passed && r.decision && r.decision !== 'approved' && <Typography.Text type="danger">{t('engineers.committeeDecision', { decision: t(`scores.decisions.${r.decision}`) })}</Typography.Text>}
                </Space>
              ),
          },
          {
            title: t('notice.appeal'),
            render: (_, r) =>
              r.appeals?.length ? (
                <Space direction="vertical" size={0} data-testid="own-appeals">
                  {r.appeals.map((a) => (
                    <span key={a.id}>
                      <Tag color={a.status === 'open' ? 'orange' : a.status === 'amended' ? 'green' : 'default'}>{t(`notice.statuses.${a.status}`)}</Tag>
                      {a.resolution && <Typography.Text type="secondary">{a.resolution}</Typography.Text>}
                    </span>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

type CertificateRow = { key: string; number?: string; level_rank: number; issued_on: string; expires_on?: string; status: string; record?: boolean };

// The certificates issued by cycles, and the levels recorded without one (initial grading, evaluations
// held before the system, imports): the next-level checklist counts those as held, so they are shown.
function Certificates({ id, levels, rank: current, history }: { id: number; levels: Map<number, string>; rank: number; history: { rank: number; since: string; source: string }[] }) {
  const { t } = useTranslation();
  const certs = useCertificates(id);
  if (certs.error) return <ErrorState error={certs.error} />;
  const today = new Date().toISOString().slice(0, 10);
  const issued: CertificateRow[] = (certs.data?.items ?? []).map((c) => ({ key: `c${c.id}`, number: c.number, level_rank: c.level_rank, issued_on: c.issued_on, expires_on: c.expires_on, status: c.status }));
  const covered = new Set(issued.map((c) => c.level_rank));
  const recorded: CertificateRow[] = [];
  for (const h of history) {
    if (h.rank <= 0 || covered.has(h.rank) || h.source.startsWith('cycle:') || h.rank > current) continue;
    covered.add(h.rank);
    recorded.push({ key: `r${h.rank}`, level_rank: h.rank, issued_on: h.since, status: h.rank === current ? 'valid' : 'superseded', record: true });
  }
  const rows = [...issued, ...recorded].sort((a, b) => b.level_rank - a.level_rank || b.issued_on.localeCompare(a.issued_on));
  return (
    <Card title={t('engineers.certificates')} data-testid="certificates">
      <Table
        rowKey="key"
        size="small"
        loading={certs.isLoading}
        dataSource={rows}
        locale={{ emptyText: <EmptyState /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('engineers.certificateNo'),
            dataIndex: 'number',
            render: (n: string | undefined) => (n ? <Typography.Text code>{n}</Typography.Text> : <Tooltip title={t('engineers.recordHint')}><Tag>{t('engineers.levelRecord')}</Tag></Tooltip>),
          },
          { title: t('engineers.certificateLevel'), dataIndex: 'level_rank', render: (r: number) => levels.get(r) ?? r },
          { title: t('engineers.issuedOn'), dataIndex: 'issued_on' },
          {
            title: t('engineers.expiresOn'),
            dataIndex: 'expires_on',
            render: (d: string | undefined) => (d ? <Tag color={d < today ? 'red' : 'green'}>{d}</Tag> : '—'),
          },
          { title: t('engineers.status'), dataIndex: 'status', render: (s: string) => t(`engineers.certificateStatuses.${s}`, { defaultValue: s }) },
        ]}
      />
    </Card>
  );
}

function Training({ id }: { id: number }) {
  const { t } = useTranslation();
  const training = useTraining(id);
  if (training.error) return <ErrorState error={training.error} />;
  return (
    <Card title={t('engineers.training')}>
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={training.isLoading}
        dataSource={training.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('engineers.date'), dataIndex: 'completed_on', width: 130 },
          { title: t('engineers.course'), dataIndex: 'course_code' },
          { title: t('engineers.hours'), dataIndex: 'hours', width: 100 },
          { title: t('engineers.passed'), dataIndex: 'passed', width: 100, render: (p: boolean) => (p ? t('common.yes') : t('common.no')) },
        ]}
      />
    </Card>
  );
}

// Applying for the next level in a cycle that is taking applications for it, or withdrawing.
function ApplyIn({ cycle, engineerId, rank, eligible }: { cycle: Cycle; engineerId: number; rank: number; eligible: boolean }) {
  const { t } = useTranslation();
  const apps = useApplications(cycle.id);
  const mine = apps.data?.items.find((a) => a.engineer_id === engineerId && a.status !== 'withdrawn');
  const run = useAction(['cycles']);
  if (apps.isLoading) return null;
  if (mine)
    return (
      <Space>
        <Tag color="blue">{`${cycle.name} · ${t(`cycles.appStatuses.${mine.status}`)}`}</Tag>
        {mine.status === 'submitted' && (
          <Popconfirm
            title={t('cycles.confirmWithdraw', { cycle: cycle.name })}
            okText={t('cycles.withdraw')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              void run(async () => {
                unwrap(await api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id: mine.id } } }));
                void message.success(t('cycles.withdrawn'));
              })
            }
          >
            <Button size="small" data-testid={`withdraw-${cycle.id}`}>
              {t('cycles.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  const apply = () =>
    run(async () => {
      unwrap(await api.POST('/api/v1/cycles/{id}/applications', { params: { path: { id: cycle.id } }, body: { engineer_id: engineerId, target_rank: rank } }));
      void message.success(t('cycles.applied', { cycle: cycle.name }));
    });
  // Applying while the checklist shows something missing is allowed (the review decides), after a warning.
  return (
    <Popconfirm
      title={eligible ? t('cycles.confirmApply', { cycle: cycle.name }) : t('cycles.applyNotYet')}
      description={eligible ? undefined : t('cycles.applyNotYetHint')}
      icon={eligible ? undefined : <Typography.Text type="warning">⚠</Typography.Text>}
      okText={t('cycles.applyShort')}
      cancelText={t('common.cancel')}
      onConfirm={() => void apply()}
    >
      <Button type="primary" size="small" data-testid={`apply-${cycle.id}`}>
        {t('cycles.apply', { cycle: cycle.name })}
      </Button>
    </Popconfirm>
  );
}

function ApplyButton({ engineerId, rank, eligible }: { engineerId: number; rank: number; eligible: boolean }) {
  const user = useUser();
  const cycles = useCycles();
  if (!hasRole(user, 'admin', 'hr', 'manager', 'engineer')) return null;
  const open = cycles.data?.items.filter((c) => c.status === 'application' && c.open_ranks.includes(rank)) ?? [];
  return (
    <Space wrap>
      {open.map((c) => (
        <ApplyIn key={c.id} cycle={c} engineerId={engineerId} rank={rank} eligible={eligible} />
      ))}
    </Space>
  );
}

// The next level's conditions as a checklist: what is met, and what is missing in words.
function NextLevel({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const next = useNextLevel(id);
  if (next.isLoading) return null;
  if (next.error) return <ErrorState error={next.error} />;
  const n = next.data!;
  if (!n.target) return <Card title={t('engineers.nextLevel')}>{t('engineers.topLevel')}</Card>;
  return (
    <Card
      data-testid="next-level"
      title={`${t('engineers.nextLevel')} · ${n.target.label[lang]}`}
      extra={
        <Space>
          <ApplyButton engineerId={id} rank={n.target.rank} eligible={!!n.eligible} />
          <Tag color={n.eligible ? 'green' : 'orange'}>{n.eligible ? t('engineers.eligible') : t('engineers.notYet')}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph>{n.summary?.[lang]}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {(n.paths ?? []).map((p, i) => (
          <Card key={i} size="small" type="inner" title={`${t('schemes.path', { n: i + 1 })}${p.met ? ' ✓' : ''}`}>
            {p.conditions.map((c, j) => (
              <div key={j} style={{ padding: '2px 0' }}>
                <Typography.Text type={c.met ? 'success' : 'danger'}>{c.met ? '✓' : '✗'}</Typography.Text> {c.explanation[lang]}
                {!c.met && <Typography.Text type="secondary"> — {c.gap[lang]}</Typography.Text>}
              </div>
            ))}
          </Card>
        ))}
      </Space>
    </Card>
  );
}

// Records a level change (promotion, correction) with its date and reason.
function LevelDialog({ id, open, onClose, levels }: { id: number; open: boolean; onClose: () => void; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ rank: number; since: Dayjs; note: string }>();
  const { busy, submit } = useSubmit<{ rank: number; since: Dayjs; note: string }>(form as never, async (v) => {
    unwrap(await api.POST('/api/v1/engineers/{id}/levels', { params: { path: { id } }, body: { rank: v.rank, since: v.since.format('YYYY-MM-DD'), note: v.note } }));
    await qc.invalidateQueries({ queryKey: ['engineers'] });
    form.resetFields();
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={open} title={t('engineers.changeLevel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="rank" label={t('engineers.level')} rules={required(t('engineers.level'))}>
          <Select options={[{ value: 0, label: t('engineers.noLevel') }, ...[...levels].map(([r, label]) => ({ value: r, label }))]} />
        </Form.Item>
        <Form.Item name="since" label={t('engineers.since')} rules={required(t('engineers.since'))}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('engineers.reason')} rules={required(t('engineers.reason'))}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
import { EmptyState, ErrorState, Loading } from '../features/ui';
import { useLevelLabels } from './EngineersPage';

const years = (from: string) => ((Date.now() - new Date(from).getTime()) / (365.25 * 24 * 3600 * 1000)).toFixed(1);

export default function EngineerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const engineer = useEngineer(id);
  const levels = useLevelLabels();
  const user = useUser();
  const org = useOrgTrees();
  const lines = useProductLines();
  const [editing, setEditing] = useState(false);
  const [changing, setChanging] = useState(false);
  if (engineer.isLoading) return <Loading />;
  if (engineer.error) return <ErrorState error={engineer.error} onRetry={() => void engineer.refetch()} />;
  const e = engineer.data!;
  const level = (r: number) => (r ? levels.get(r) ?? String(r) : t('engineers.noLevel'));
  const seesContact = hasRole(user, 'admin', 'hr', 'manager') || user.engineer_id === e.id;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/engineers">{t('common.back')}</Link>
            <span data-testid="engineer-name">{e.name}</span>
            <Tag>{e.employee_no}</Tag>
            <Tag color="geekblue">{level(e.rank)}</Tag>
          </Space>
        }
        extra={
          hasRole(user, 'admin', 'hr') && (
            <Space>
              <Button onClick={() => setChanging(true)}>{t('engineers.changeLevel')}</Button>
              <Button type="primary" onClick={() => setEditing(true)}>
                {t('engineers.edit')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} bordered size="small">
          <Descriptions.Item label={t('engineers.org')}>{e.org_unit_name}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.level')}>{level(e.rank)}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.levelSince')}>{e.level_since || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.hireDate')}>{e.hire_date}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.careerStart')}>{e.career_start}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.workYears')}>{t('engineers.years', { count: Number(years(e.career_start)) })}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.education')}>{t(`education.${e.education}`, { defaultValue: e.education })}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.productLines')}>{lines.join(e.product_lines) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.status')}>{t(`engineers.${e.status}`)}</Descriptions.Item>
          {/* Contact details only for the roles the server gives them to (#4's role × field table): not examiners, committee or auditors. */}
          {seesContact && <Descriptions.Item label={t('engineers.phone')}>{e.phone || '—'}</Descriptions.Item>}
          {seesContact && <Descriptions.Item label={t('engineers.email')}>{e.email || '—'}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {editing && (
        <CreateEngineer
          open
          editing={e}
          orgCode={org.codeOf(e.org_unit_id)}
          onClose={() => setEditing(false)}
          orgTree={org.byCode}
          levels={levels}
          productLines={lines.options}
        />
      )}
      <LevelDialog id={e.id} open={changing} onClose={() => setChanging(false)} levels={levels} />
      <Certificates id={e.id} levels={levels} rank={e.rank} history={e.history ?? []} />
      <Results id={e.id} levels={levels} />
      <NextLevel id={e.id} />
      <Training id={e.id} />
      <Card title={t('engineers.history')}>
        {e.history && e.history.length > 0 ? (
          <Timeline
            items={e.history.map((h) => ({
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {h.since} · {level(h.rank)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('engineers.source')}: {t(`engineers.sources.${h.source.split(':')[0]}`, { defaultValue: h.source })}
                    {h.note ? ` · ${h.note}` : ''} · {t('engineers.recordedBy')}: {h.recorded_by}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
