// An engineer's training records (imported by HR; courses from the schemes' catalogue).
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState } from '../ui';
import { useTraining } from './api';

export default function TrainingRecords({ id }: { id: number }) {
  const { t } = useTranslation();
  const training = useTraining(id);
  if (training.error) return <ErrorState error={training.error} />;
  return (
    <Card title={t('engineers.training')}>
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={training.isLoading}
        dataSource={training.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('engineers.date'), dataIndex: 'completed_on', width: 130 },
          { title: t('engineers.course'), dataIndex: 'course_code' },
          { title: t('engineers.hours'), dataIndex: 'hours', width: 100 },
          { title: t('engineers.passed'), dataIndex: 'passed', width: 100, render: (p: boolean) => (p ? t('common.yes') : t('common.no')) },
        ]}
      />
    </Card>
  );
}
