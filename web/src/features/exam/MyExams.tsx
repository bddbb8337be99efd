// The engineer's exams: upcoming and open sittings with their admission slips, and each result
// once its sitting has closed (still being marked while short answers wait), with its review.
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyExams, type MyExam } from './api';
import { OutcomeTag } from './Review';
import { points } from './review';
import { EmptyState, ErrorState, Loading } from '../ui';
import { formatTime } from '../format';
import { useLevelLabels } from '../schemes/levels';

const stateColor = { scheduled: 'blue', open: 'green', closed: 'default' } as const;

export function ExamState({ e }: { e: MyExam }) {
  const { t } = useTranslation();
  const a = e.attempt;
  if (a?.status === 'submitted') return <Tag color="purple">{t('exam.submitted')}</Tag>;
  if (a?.status === 'in_progress' && e.state === 'open') return <Tag color="orange">{t('exam.inProgress')}</Tag>;
  return <Tag color={stateColor[e.state ?? 'scheduled']}>{t(`exam.states.${e.state}`)}</Tag>;
}

export function MyExams() {
  const { t } = useTranslation();
  const q = useMyExams();
  const levels = useLevelLabels();
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data?.length) return <EmptyState />;
  return (
    <List
      dataSource={q.data}
      renderItem={(e) => {
        const a = e.attempt;
        const canEnter = e.state === 'open' && a?.status !== 'submitted';
        const closedWithAttempt = e.state === 'closed' && a?.status === 'submitted';
        return (
          <Card key={e.sitting_id} size="small" style={{ marginBottom: 12 }} title={<Space wrap>{e.name}{e.kind === 'resit' && <Tag color="orange">{t('review.resit')}</Tag>}<ExamState e={e} /></Space>}
            extra={<Link to={`/exams/${e.sitting_id}/slip`}>{t('exam.slip')}</Link>}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('exam.candidateNo')}>{e.candidate_no}</Descriptions.Item>
              <Descriptions.Item label={t('exam.level')}>{levels.get(e.target_rank ?? 0) ?? e.target_rank}</Descriptions.Item>
              <Descriptions.Item label={t('exam.window')}>{formatTime(e.opens_at)} – {formatTime(e.closes_at)}</Descriptions.Item>
              <Descriptions.Item label={t('exam.duration')}>{t('exam.minutes', { count: e.duration_minutes })}</Descriptions.Item>
              <Descriptions.Item label={t('exam.room')}>{e.room || t('exam.remote')}</Descriptions.Item>
              {closedWithAttempt && (
                <Descriptions.Item label={t('exam.score')}>
                  <Space wrap data-testid="exam-result">
                    <Typography.Text strong>{t('review.scoreOf', { score: points(a.score), max: 100 })}</Typography.Text>
                    <OutcomeTag score={a.score} passed={e.passed} />
                    <Typography.Text type="secondary">{t('exam.passMark', { mark: points(e.pass_mark ?? 0) })}</Typography.Text>
                  </Space>
                </Descriptions.Item>
              )}
              {e.state === 'closed' && !a && <Descriptions.Item label={t('exam.score')}>{t('exam.absent')}</Descriptions.Item>}
            </Descriptions>
            {closedWithAttempt && (
              <Link to={`/exams/attempts/${a.id}/review`} style={{ display: 'block', marginTop: 12 }} data-testid="review-link">
                <Button block>{t('review.open')}</Button>
              </Link>
            )}
            {canEnter && (
              <Link to={`/exams/${e.sitting_id}/take`} style={{ display: 'block', marginTop: 12 }}>
                <Button type="primary" block>{a ? t('exam.continue') : t('exam.start')}</Button>
              </Link>
            )}
          </Card>
        );
      }}
    />
  );
}
