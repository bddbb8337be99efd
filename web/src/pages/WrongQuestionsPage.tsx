import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { WrongQuestions } from '../features/exam/WrongQuestions';

export default function WrongQuestionsPage() {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 860, margin: '0 auto' }}>
      <Link to="/exams">{t('review.back')}</Link>
      <Typography.Title level={3} style={{ marginTop: 8 }}>{t('review.wrongBook')}</Typography.Title>
      <WrongQuestions />
    </div>
  );
}
