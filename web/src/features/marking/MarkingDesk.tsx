// A marker at work on one blueprint (/marking/:blueprintId): the answer claimed for them (a reload
// comes back to it), its round, the candidate's number, how long the claim lasts, how many answers
// are left and how many they marked. A mark given or an answer skipped brings the next; when none
// is left for them the page says whether everything is marked or the rest is for other markers.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Result, Space, Tag, Typography, message } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLevelLabels } from '../schemes/levels';
import { formatPoints } from '../examAdmin/api';
import { ErrorState, Loading } from '../ui';
import { releaseTask, saveMark, useMarkingQueue, useNextTask, type MarkingTask } from './api';
import { clock, ROUND_COLORS, roundKey, secondsLeft, skewOf, whyNone } from './marks';
import TaskView from './TaskView';

// The claim's time left, once a second, on the server's clock (a device's own may be off).
function useSecondsLeft(expiresAt: string | undefined, serverNow: string | undefined) {
  const [now, setNow] = useState(() => Date.now());
  const skew = useMemo(() => skewOf(serverNow, Date.now()), [serverNow]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return secondsLeft(expiresAt, now + skew);
}

function StatusBar({ task, mine }: { task: MarkingTask; mine: number | undefined }) {
  const { t } = useTranslation();
  const left = useSecondsLeft(task.expires_at, task.server_now);
  return (
    <>
      <Flex wrap gap="6px 16px" align="center" data-testid="task-status" style={{ position: 'sticky', top: 0, zIndex: 5, background: 'rgba(255,255,255,0.96)', padding: '8px 0', marginBottom: 12, borderBottom: '1px solid #f0f0f0' }}>
        <Tag color={ROUND_COLORS[task.round ?? 1]} style={{ fontSize: 14, padding: '2px 10px', margin: 0 }} data-testid="task-round">
          {t(roundKey(task.round))}
        </Tag>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('marking.candidate')} <span data-testid="task-candidate">{task.candidate_no}</span>
        </Typography.Text>
        <Typography.Text type={left < 300 ? 'danger' : 'secondary'} data-testid="task-time" role="timer" aria-label={t('marking.claimLeft')}>
          <ClockCircleOutlined /> {t('marking.claimLeftShort', { time: clock(left) })}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="task-left">
          {t('marking.left', { count: task.waiting ?? 0 })}
        </Typography.Text>
        {mine !== undefined && (
          <Typography.Text type="secondary" data-testid="task-mine">
            {t('marking.mine', { count: mine })}
          </Typography.Text>
        )}
      </Flex>
      {task.round === 3 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('marking.thirdHint')} />}
      {left === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('marking.claimOver')} data-testid="claim-over" />}
    </>
  );
}

export default function MarkingDesk({ blueprintId }: { blueprintId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const levels = useLevelLabels();
  const task = useNextTask(blueprintId);
  const queue = useMarkingQueue();
  const item = queue.data?.find((q) => q.blueprint_id === blueprintId);
  const current = task.data ?? null;

  // Each new answer is read from its top (on a phone the mark is far below).
  useEffect(() => {
    if (current?.id) window.scrollTo({ top: 0 });
  }, [current?.id]);

  const next = async () => {
    await Promise.all([task.refetch(), qc.invalidateQueries({ queryKey: ['marking', 'queue'] })]);
  };
  const submit = async (points: number, comment: string) => {
    await saveMark(current!.id!, points, comment);
    void message.success(t('marking.saved', { points: formatPoints(points), candidate: current!.candidate_no }));
    await next();
  };
  // Handing back and taking the next; the queue's order may give the same answer again.
  const skip = async () => {
    const was = current!;
    await releaseTask(was.id!);
    const r = await task.refetch();
    void qc.invalidateQueries({ queryKey: ['marking', 'queue'] });
    const now = r.data;
    if (now && now.candidate_no === was.candidate_no && now.question?.id === was.question?.id) void message.info(t('marking.sameAgain'));
  };

  const heading = (
    <Space wrap size={8}>
      <Link to="/marking">{t('marking.backToQueue')}</Link>
      {item && (
        <span data-testid="desk-title">
          {item.cycle_name} · {levels.get(item.target_rank ?? 0) ?? item.target_rank}
        </span>
      )}
    </Space>
  );

  let body;
  if (task.isLoading) body = <Loading />;
  else if (task.error) body = <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  else if (!current) {
    const why = queue.isFetching ? null : whyNone(queue.data, blueprintId);
    body = why ? (
      <Result
        status={why === 'done' ? 'success' : 'info'}
        title={t(why === 'done' ? 'marking.allMarked' : 'marking.forOthers')}
        subTitle={t(why === 'done' ? 'marking.allMarkedHint' : 'marking.forOthersHint')}
        data-testid="marking-none"
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button onClick={() => void next()} data-testid="marking-again">
              {t('marking.checkAgain')}
            </Button>
            <Link to="/marking">
              <Button type="primary">{t('marking.backToQueue')}</Button>
            </Link>
          </Space>
        }
      />
    ) : (
      <Loading />
    );
  } else
    body = (
      <>
        <StatusBar task={current} mine={item?.mine} />
        <TaskView task={current} onSubmit={submit} onSkip={skip} onNext={() => void next()} />
      </>
    );
  return (
    <Card title={heading} data-testid="marking-desk" styles={{ title: { whiteSpace: 'normal', padding: '8px 0' }, body: { paddingTop: 8 } }}>
      {body}
    </Card>
  );
}
