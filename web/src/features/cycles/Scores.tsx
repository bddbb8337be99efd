// The score sheet of a cycle: one row per eligible application, one column per assessed component
// of the scheme; a cell opens an editor (score or absent, and a reason once the part is locked).
import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAction, useSubmit } from '../forms';
import { useStartJob } from '../jobs/useStartJob';
import { useScheme } from '../schemes/api';
import { EmptyState } from '../ui';
import { formatScore } from '../format';
import ImportDialog, { type ImportKind } from '../ImportDialog';
import { castVote, evaluateCycle, lockComponent, setScore, useLocks, useResults, useScores, type Cycle, type SheetLine } from './api';
import { ListFilters, useServerList } from './serverList';

type Edit = { app: SheetLine; kind: string; label: string; score?: number | null; absent?: boolean };

function ScoreDialog({ edit, onClose }: { edit: Edit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ score?: number; absent?: boolean; reason?: string }>();
  const absent = Form.useWatch('absent', form);
  const { busy, submit } = useSubmit<{ score?: number; absent?: boolean; reason?: string }>(form as never, async (v) => {
    await setScore(edit!.app.application_id, { component: edit!.kind as never, ...(v.absent ? { absent: true } : { score: v.score ?? null }), ...(v.reason ? { reason: v.reason } : {}) });
    await qc.invalidateQueries({ queryKey: ['cycles'] });
    onClose();
  });
  return (
    <Modal
      open={!!edit}
      title={edit ? `${edit.app.engineer_name} · ${edit.label}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ score: edit?.score ?? undefined, absent: edit?.absent ?? false }}>
        <Form.Item name="absent" valuePropName="checked">
          <Checkbox>{t('scores.absent')}</Checkbox>
        </Form.Item>
        {/* No min/max on the input: a value out of range is a field error, never silently clamped. */}
        <Form.Item
          name="score"
          label={t('scores.score')}
          rules={[{ validator: (_, v: number | null | undefined) => (v == null || (v >= 0 && v <= 100) ? Promise.resolve() : Promise.reject(new Error(t('scores.range')))) }]}
        >
          <InputNumber data-testid="score-input" step={0.5} precision={2} disabled={absent} autoFocus style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('scores.reason')} extra={t('scores.reasonHint')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Scores({ cycle, canScore, canEvaluate, canSeeResults, canVote }: { cycle: Cycle; canScore: boolean; canEvaluate: boolean; canSeeResults: boolean; canVote: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const scheme = useScheme(cycle.scheme_id, cycle.scheme_version);
  // Scorers page through the eligible applications with their scores (and results, for HR); the
  // committee and auditors, who enter no scores, page through the results themselves.
  const list = useServerList('scores_page', canScore ? { status: 'eligible' } : {});
  const sheet = useScores(cycle.id, list.query, canScore);
  const results = useResults(cycle.id, list.query, !canScore && canSeeResults);
  const page: { items: SheetLine[]; total: number } | undefined = canScore
    ? sheet.data
    : results.data && {
        total: results.data.total,
        items: results.data.items.map((r) => ({ application_id: r.application_id, engineer_id: 0, employee_no: r.employee_no ?? '', engineer_name: r.engineer_name ?? '', target_rank: r.target_rank ?? 0, status: 'eligible', scores: [], result: r })),
      };
  const [edit, setEdit] = useState<Edit | null>(null);
  const scoring = ['written_exam', 'practical_test', 'interview', 'committee_review'].includes(cycle.status);
  const kinds = useMemo(() => {
    const m = new Map<string, string>();
    for (const l of scheme.data?.levels ?? []) for (const c of l.components) m.set(c.kind, c.label[lang]);
    return [...m];
  }, [scheme.data, lang]);
  const cell = (a: SheetLine, kind: string) => a.scores.find((s) => s.component === kind);
  const assessed = (a: SheetLine, kind: string) => !!scheme.data?.levels[a.target_rank - 1]?.components.some((c) => c.kind === kind);
  const levels = useMemo(() => new Map((scheme.data?.levels ?? []).map((l) => [l.rank, l.label[lang]])), [scheme.data, lang]);
  const run = useAction(['cycles']);
  const locks = useLocks(cycle.id, canScore);
  const locked = new Set(locks.data?.items ?? []);
  const [importing, setImporting] = useState<ImportKind | null>(null);
  const vote = (a: SheetLine, v: 'approve' | 'reject' | 'defer') =>
    run(async () => {
      await castVote(a.application_id, { vote: v });
      void message.success(t('scores.voted', { name: a.engineer_name, vote: t(`scores.${v}`) }));
    });
  const startJob = useStartJob();
  const evaluate = () => startJob(() => evaluateCycle(cycle.id));
  const lock = (kind: string) =>
    run(async () => {
      await lockComponent(cycle.id, { component: kind as never });
      void message.success(t('scores.lockedOk', { component: t(`components.${kind}`) }));
    });
  if (!canScore && !canSeeResults) return null;
  return (
    <Card
      title={t('scores.title')}
      extra={
        <Space wrap>
          {canScore && scoring && (
            <Button
              data-testid="scores-import"
              onClick={() => setImporting({ url: `/api/v1/cycles/${cycle.id}/scores/import`, title: 'scores.importTitle', hint: 'scores.importHint', ok: 'scores.importOk', refresh: ['cycles', cycle.id] })}
            >
              {t('scores.import')}
            </Button>
          )}
          {canEvaluate && scoring && (
            <Popconfirm title={t('scores.confirmEvaluate')} onConfirm={() => void evaluate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="primary" data-testid="cycle-evaluate">
                {t('scores.evaluate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {canScore && kinds.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('scores.locks')}</Typography.Text>
          {kinds.map(([kind, label]) =>
            locked.has(kind) ? (
              <Tag key={kind} color="orange" data-testid={`locked-${kind}`}>
                🔒 {label}
              </Tag>
            ) : canEvaluate && scoring ? (
              <Popconfirm key={kind} title={t('scores.confirmLock', { component: label })} onConfirm={() => void lock(kind)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button size="small" data-testid={`lock-${kind}`}>
                  {t('scores.lock', { component: label })}
                </Button>
              </Popconfirm>
            ) : (
              <Tag key={kind}>{label}</Tag>
            ),
          )}
        </Space>
      )}
      <ImportDialog kind={importing} onClose={() => setImporting(null)} />
      <ListFilters list={list} levels={levels} outcome={!canScore} testid="scores" />
      <div data-testid="scores-table">
      <Table
        rowKey="application_id"
        size="small"
        loading={canScore ? sheet.isLoading : results.isLoading}
        dataSource={page?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={list.pagination(page?.total)}
        onChange={list.onChange}
        scroll={{ x: 800 }}
        columns={[
          { title: t('engineers.employeeNo'), dataIndex: 'employee_no', key: 'employee_no', width: 110, sorter: true, sortOrder: list.sortOrder('employee_no') },
          { title: t('engineers.name'), dataIndex: 'engineer_name', key: 'name', width: 110, sorter: true, sortOrder: list.sortOrder('name') },
          ...(canScore
            ? kinds.map(([kind, label]) => ({
                title: label,
                key: kind,
                render: (_: unknown, a: SheetLine) => {
                  if (!assessed(a, kind)) return <Typography.Text type="secondary">—</Typography.Text>;
                  const s = cell(a, kind);
                  const text = s ? (s.absent ? t('scores.absent') : formatScore(s.score)) : t('scores.enter');
                  // A written score the online exam gave (its papers, marked and settled) says so.
                  const fromExam = s?.source === 'exam' && (
                    <Tag color="blue" style={{ marginInlineStart: 6 }} data-testid="score-source-exam">
                      {t('marking.sourceExam')}
                    </Tag>
                  );
                  return scoring ? (
                    <Button size="small" data-testid={`score-${a.employee_no}-${kind}`} type={s ? 'text' : 'dashed'} onClick={() => setEdit({ app: a, kind, label, score: s?.score ?? null, absent: s?.absent })}>
                      {s?.absent ? <Tag color="orange">{text}</Tag> : text}
                      {fromExam}
                    </Button>
                  ) : (
                    <span data-testid={`score-${a.employee_no}-${kind}`}>
                      {text}
                      {fromExam}
                    </span>
                  );
                },
              }))
            : []),
          ...(canSeeResults
            ? [
                { title: t('scores.total'), key: 'total', width: 90, sorter: !canScore, sortOrder: canScore ? undefined : list.sortOrder('total'), render: (_: unknown, a: SheetLine) => formatScore(a.result?.total) },
                {
                  title: t('scores.outcome'),
                  key: 'outcome',
                  render: (_: unknown, a: SheetLine) => {
                    const r = a.result;
                    if (!r) return '—';
                    return (
                      <Space direction="vertical" size={0}>
                        <Space>
                          <Tag color={r.passed ? 'green' : 'red'}>{r.passed ? t('scores.passed') : t('scores.failed')}</Tag>
                          {r.passed && <span>{t('scores.rank', { n: r.rank })}</span>}
                        </Space>
                        {r.outcome?.reasons?.map((why, i) => (
                          <Typography.Text key={i} type="secondary">
                            {why[lang]}
                          </Typography.Text>
                        ))}
                        {r.passed && r.votes && (
                          <Typography.Text type="secondary">
                            {t('scores.votes', { a: r.votes.approve, r: r.votes.reject, d: r.votes.defer })}
                            {r.decision ? ` · ${t(`scores.decisions.${r.decision}`)}` : ''}
                          </Typography.Text>
                        )}
                        {canVote && r.passed && r.selected && cycle.status === 'committee_review' && (
                          <Space size="small">
                            {(['approve', 'reject', 'defer'] as const).map((v) => (
                              <Popconfirm key={v} title={t('scores.confirmVote', { name: a.engineer_name, vote: t(`scores.${v}`) })} onConfirm={() => void vote(a, v)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                                <Button size="small" data-testid={`${v}-${a.employee_no}`}>
                                  {t(`scores.${v}`)}
                                </Button>
                              </Popconfirm>
                            ))}
                          </Space>
                        )}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      </div>
      {/* One dialog (and form) per cell: it opens with exactly that cell's stored value, or empty. */}
      <ScoreDialog key={edit ? `${edit.app.application_id}-${edit.kind}` : 'closed'} edit={edit} onClose={() => setEdit(null)} />
    </Card>
  );
}
