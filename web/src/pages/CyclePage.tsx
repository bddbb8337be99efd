import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Input, Modal, Popconfirm, Space, Steps, Tag, Typography, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../api/client';
import ProblemList from '../features/ProblemList';
import { useAction } from '../features/forms';
import { hasRole, useUser } from '../features/auth/auth';
import { STATUSES, transitionCycle, useCycle, useResults } from '../features/cycles/api';
import { ErrorState, Loading } from '../features/ui';
import Applications from '../features/cycles/Applications';
import Quotas from '../features/cycles/Quotas';
import Scores from '../features/cycles/Scores';
import Notice from '../features/cycles/Notice';
import Settings from '../features/cycles/Settings';
import CycleJobs from '../features/jobs/CycleJobs';
import Replay from '../features/cycles/Replay';
import WrittenExam from '../features/examAdmin/WrittenExam';
import { useLevelLabels } from '../features/schemes/levels';

const CycleReport = lazy(() => import('../features/cycles/Report'));

const today = () => new Date().toISOString().slice(0, 10);

export default function CyclePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const user = useUser();
  const cycle = useCycle(id);
  const levels = useLevelLabels();
  const [back, setBack] = useState(false);
  const [reason, setReason] = useState('');
  const [early, setEarly] = useState<{ to: string; title: string } | null>(null);
  const [earlyReason, setEarlyReason] = useState('');
  const [blocked, setBlocked] = useState<Problem | null>(null);
  const act = useAction(['cycles']);
  const canSeeResults = hasRole(user, 'admin', 'hr', 'committee', 'auditor');
  // Whether the cycle has results (for the replay): the first row of the first page is enough.
  const results = useResults(id, { page: 1, page_size: 1 }, canSeeResults);
  if (cycle.isLoading) return <Loading />;
  if (cycle.error) return <ErrorState error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const { cycle: c, etag } = cycle.data!;
  const hr = hasRole(user, 'admin', 'hr');
  const at = STATUSES.indexOf(c.status as (typeof STATUSES)[number]);
  // A refused move explains itself: the notice still running offers HR an override with a reason; open
  // appeals or missing committee decisions are listed by name.
  const move = (to: string, why?: string, override?: boolean) =>
    act(async () => {
      try {
        await transitionCycle(id, etag, { to, ...(why ? { reason: why } : {}), ...(override ? { override } : {}) });
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
      <CycleJobs cycleId={id} enabled={hasRole(user, 'admin', 'hr', 'auditor')} />
      <Applications cycle={c} hr={hr} levels={levels} />
      {hasRole(user, 'admin', 'hr', 'examiner') && c.status !== 'draft' && <WrittenExam cycle={c} levels={levels} />}
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
      {canSeeResults && (results.data?.total ?? 0) > 0 && <Replay cycle={c} />}
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
    </Space>
  );
}
