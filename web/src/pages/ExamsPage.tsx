import { Button, Space, Typography } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MyExams } from '../features/exam/MyExams';

export default function ExamsPage() {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('exam.title')}</Typography.Title>
        <Link to="/exams/wrong"><Button icon={<BookOutlined />} data-testid="wrong-book">{t('review.wrongBook')}</Button></Link>
      </Space>
      <MyExams />
    </>
  );
}
