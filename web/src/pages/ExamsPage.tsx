import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MyExams } from '../features/exam/MyExams';

export default function ExamsPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3}>{t('exam.title')}</Typography.Title>
      <MyExams />
    </>
  );
}
