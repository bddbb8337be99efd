import { useParams } from 'react-router-dom';
import { useMyExams } from '../features/exam/api';
import { AdmissionSlip } from '../features/exam/AdmissionSlip';
import { ErrorState, Loading } from '../features/ui';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function ExamSlipPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useMyExams();
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorState error={q.error} />;
  const exam = q.data?.find((e) => e.sitting_id === id);
  if (!exam) return <Result status="404" title={t('common.notFound')} />;
  return <AdmissionSlip exam={exam} />;
}
