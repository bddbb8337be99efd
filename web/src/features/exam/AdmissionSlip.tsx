// The admission slip (准考证): who, which sitting, when and where, the candidate number and the
// rules; printable.
import { Button, Card, Descriptions, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MyExam } from './api';
import { formatTime } from '../format';
import { useLevelLabels } from '../schemes/levels';

export function AdmissionSlip({ exam }: { exam: MyExam }) {
  const { t } = useTranslation();
  const levels = useLevelLabels();
  return (
    <Card title={t('exam.slipTitle')} extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">{t('exam.print')}</Button>} style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ textAlign: 'center', letterSpacing: 2 }} data-testid="candidate-no">{exam.candidate_no}</Typography.Title>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('exam.name')}>{exam.engineer_name}</Descriptions.Item>
        <Descriptions.Item label={t('exam.employeeNo')}>{exam.employee_no}</Descriptions.Item>
        <Descriptions.Item label={t('exam.sitting')}>{exam.name}</Descriptions.Item>
        <Descriptions.Item label={t('exam.level')}>{levels.get(exam.target_rank ?? 0) ?? exam.target_rank}</Descriptions.Item>
        <Descriptions.Item label={t('exam.window')}>{formatTime(exam.opens_at)} – {formatTime(exam.closes_at)}</Descriptions.Item>
        <Descriptions.Item label={t('exam.duration')}>{t('exam.minutes', { count: exam.duration_minutes })}</Descriptions.Item>
        <Descriptions.Item label={t('exam.room')}>{exam.room || t('exam.remote')}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('exam.rulesTitle')}</Typography.Title>
      <ol style={{ paddingInlineStart: 20 }}>
        <li>{t('exam.rule1')}</li>
        <li>{t('exam.rule2')}</li>
        <li>{t('exam.rule3')}</li>
        <li>{t('exam.rule4')}</li>
      </ol>
    </Card>
  );
}
