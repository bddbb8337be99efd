// The review of one's own exam after the sitting has closed: the score against the pass mark, the
// points of each section, and — when the blueprint shows answers — every question with the answer
// beside the key and the explanation, with a "wrong only" filter. Before the close the server's
// message says when the review opens. Phone first, printable.
import { Alert, Button, Card, Descriptions, Divider, Empty, Grid, Space, Switch, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useReview, type AttemptReview } from './api';
import { CaseStem, ReviewCard } from './ReviewCard';
import { inLanguage, isWrong, localTimes, numbers, outcomeOf, OUTCOME_COLORS, points, wrongOnly } from './review';
import { ErrorState, Loading } from '../ui';
import { formatTime } from '../format';

export function OutcomeTag({ score, passed }: { score: number | null | undefined; passed: boolean | undefined }) {
  const { t } = useTranslation();
  const o = outcomeOf(score, passed);
  return <Tag color={OUTCOME_COLORS[o]} data-testid="outcome">{t(`review.outcomes.${o}`)}</Tag>;
}

function Header({ r }: { r: AttemptReview }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().sm ?? true;
  const score = r.attempt?.score;
  const max = (r.sections ?? []).reduce((s, x) => s + (x.max ?? 0), 0) || 10000;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap size={8}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="review-title">{r.sitting?.name}</Typography.Title>
          {r.sitting?.kind === 'resit' && <Tag color="orange">{t('review.resit')}</Tag>}
        </Space>
        <Space className="no-print" size={8}>
          <Link to="/exams/wrong">{t('review.wrongBook')}</Link>
          {wide && <Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('review.print')}</Button>}
        </Space>
      </Space>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap', margin: '12px 0' }} data-testid="review-score">
        <Typography.Text strong style={{ fontSize: 28 }}>{t('review.scoreOf', { score: points(score), max: String(max / 100) })}</Typography.Text>
        <OutcomeTag score={score} passed={r.passed} />
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('review.candidateNo')}>{r.candidate_no}</Descriptions.Item>
        <Descriptions.Item label={t('review.passMark')}>{points(r.pass_mark)}</Descriptions.Item>
        <Descriptions.Item label={t('review.closedAt')}>{formatTime(r.sitting?.closes_at)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Sections({ r }: { r: AttemptReview }) {
  const { t, i18n } = useTranslation();
  const rows = (r.sections ?? []).map((s, i) => ({ ...s, key: i }));
  return (
    <Card size="small" title={t('review.sections')} style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
      <Table size="small" pagination={false} dataSource={rows} data-testid="sections" tableLayout="fixed"
        columns={[
          { title: t('review.section'), render: (_, s) => inLanguage(s.title, i18n.language) },
          { title: t('review.earned'), align: 'right', width: '34%', render: (_, s) => `${points(s.earned)} / ${points(s.max)}` },
          { title: t('review.full'), align: 'right', width: '24%', render: (_, s) => (s.questions ? t('review.fullOf', { full: s.full ?? 0, count: s.questions }) : '—') },
        ]} />
    </Card>
  );
}

// The questions in paper order under their sections' titles, a case's text before its parts.
function Questions({ r }: { r: AttemptReview }) {
  const { t, i18n } = useTranslation();
  const [onlyWrong, setOnlyWrong] = useState(false);
  const all = useMemo(() => r.questions ?? [], [r]);
  const numberOf = useMemo(() => numbers(all), [all]);
  const wrong = all.filter(isWrong).length;
  const shown = onlyWrong ? wrongOnly(all) : all;
  let section = -1;
  const blocks: React.ReactNode[] = [];
  for (const q of shown) {
    if (q.section !== undefined && q.section !== section) {
      section = q.section;
      const title = inLanguage(r.sections?.[section]?.title, i18n.language);
      if (title) blocks.push(<Divider key={`s${section}`} titlePlacement="start" style={{ margin: '16px 0 8px' }}>{title}</Divider>);
    }
    if (q.question?.type === 'case') blocks.push(<CaseStem key={`c${q.question_id}`} stem={q.question.stem} />);
    else blocks.push(<ReviewCard key={q.question_id} q={q} heading={t('review.number', { n: numberOf.get(q.question_id ?? 0) })} />);
  }
  return (
    <>
      <div className="no-print" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('review.questions')}</Typography.Title>
        <Space size={8}>
          <Switch id="wrong-only" checked={onlyWrong} onChange={setOnlyWrong} data-testid="wrong-only" />
          <label htmlFor="wrong-only">{t('review.wrongOnly')}</label>
          <Typography.Text type="secondary" data-testid="wrong-count">{t('review.wrongCount', { count: wrong })}</Typography.Text>
        </Space>
      </div>
      {shown.length ? blocks : <Empty description={t('review.noneWrong')} />}
    </>
  );
}

export function Review({ attemptId }: { attemptId: number }) {
  const { t } = useTranslation();
  const q = useReview(attemptId);
  if (q.isLoading) return <Loading />;
  if (q.error instanceof ApiError && q.error.problem.code === 'exam.not_closed')
    return (
      <Empty data-testid="not-closed" description={<Space direction="vertical"><Typography.Text strong>{t('review.notClosed')}</Typography.Text><span>{localTimes(q.error.problem.title)}</span></Space>}>
        <Link to="/exams"><Button>{t('review.back')}</Button></Link>
      </Empty>
    );
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  return (
    <div style={{ maxWidth: 860, margin: '0 auto' }} data-testid="review">
      <Link to="/exams" className="no-print" style={{ display: 'inline-block', marginBottom: 8 }}>{t('review.back')}</Link>
      <Header r={r} />
      <Sections r={r} />
      {r.answers_shown ? (
        <Questions r={r} />
      ) : (
        <Alert type="info" showIcon data-testid="answers-not-shown" title={t('review.notShown')} description={t('review.notShownHint')} />
      )}
    </div>
  );
}

