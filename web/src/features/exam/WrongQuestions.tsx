// The wrong-question list (错题本): every question the engineer did not get full points for in closed
// sittings that show answers, newest first and each once, with their answer beside the key and the
// explanation, and where it was asked. Paged by the server; the page is kept in the URL.
import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWrongQuestions } from './api';
import { CaseStem, ReviewCard } from './ReviewCard';
import { ErrorState } from '../ui';
import { formatTime } from '../format';
import { useUrlPage } from '../urlState';

const PAGE_SIZE = 10;

export function WrongQuestions() {
  const { t } = useTranslation();
  const pagination = useUrlPage('page', PAGE_SIZE);
  const q = useWrongQuestions(pagination.current, PAGE_SIZE);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('review.wrongHint')}</Typography.Paragraph>
      <List
        data-testid="wrong-questions"
        loading={q.isLoading || q.isPlaceholderData}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty data-testid="no-wrong" description={t('review.emptyWrong')} /> }}
        pagination={q.data && (q.data.total ?? 0) > PAGE_SIZE ? { ...pagination, total: q.data.total, align: 'center', showTotal: (n) => t('common.total', { count: n }) } : false}
        renderItem={(w) => (
          <ReviewCard key={`${w.attempt_id}-${w.question_id}`} q={w}
            context={w.parent ? (w.scenario ? <CaseStem stem={w.scenario} /> : <Tag style={{ marginBottom: 8 }}>{t('review.casePart')}</Tag>) : undefined}
            footer={
              <Typography.Text type="secondary" data-testid="wrong-from">
                <Link to={`/exams/attempts/${w.attempt_id}/review`}>{t('review.from', { name: w.sitting_name, at: formatTime(w.closed_at) })}</Link>
              </Typography.Text>
            } />
        )}
      />
    </>
  );
}
