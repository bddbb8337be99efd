// Entering a sitting: the attempt is started or resumed; when it is open on another device the
// candidate confirms taking it over; a submitted attempt shows as such.
import { Alert, Button, Modal, Result, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ExamPaper } from './ExamPaper';
import { startAttempt, type AttemptView } from './api';
import { Loading } from '../ui';
import { formatTime } from '../format';

export function TakeExam({ sittingId }: { sittingId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [otherDevice, setOtherDevice] = useState(false);

  const start = useCallback(
    async (takeOver: boolean) => {
      try {
        setAttempt(await startAttempt(sittingId, takeOver));
        setOtherDevice(false);
        setProblem(null);
      } catch (e) {
        if (e instanceof ApiError && e.problem.code === 'exam.other_device') setOtherDevice(true);
        else if (e instanceof ApiError) setProblem(e);
        else throw e;
      }
    },
    [sittingId],
  );
  useEffect(() => {
    void start(false);
  }, [start]);

  const done = useCallback(
    (a: AttemptView) => {
      setAttempt(a);
      void qc.invalidateQueries({ queryKey: ['me', 'exams'] });
    },
    [qc],
  );

  if (otherDevice)
    return (
      <Modal open title={t('exam.otherDeviceTitle')} okText={t('exam.takeOver')} cancelText={t('common.cancel')} onOk={() => void start(true)}
        onCancel={() => history.back()}>
        <Typography.Paragraph>{t('exam.otherDevice')}</Typography.Paragraph>
      </Modal>
    );
  if (problem) return <Result status="warning" title={problem.problem.title} extra={<Link to="/exams"><Button>{t('exam.back')}</Button></Link>} />;
  if (!attempt) return <Loading />;
  if (attempt.status !== 'in_progress')
    return (
      <Result status="success" title={attempt.submitted_by === 'deadline' ? t('exam.autoSubmitted') : t('exam.submittedTitle')}
        subTitle={
          <Space direction="vertical">
            <span>{t('exam.submittedAt', { at: formatTime(attempt.submitted_at) })}</span>
            <span>{t('exam.resultLater')}</span>
          </Space>
        }
        extra={<Link to="/exams"><Button type="primary">{t('exam.back')}</Button></Link>} />
    );
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`${attempt.sitting?.name} · ${t('exam.candidateNo')} ${attempt.candidate_no}`} />
      <ExamPaper attempt={attempt} onDone={done} />
    </>
  );
}
