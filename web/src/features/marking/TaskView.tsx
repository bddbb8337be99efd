// One answer as its marker sees it: the case it belongs to, the question, the candidate's answer as
// written; beside it (below on a phone) the reference answer and the mark. Blind: the candidate is
// their number, never a name.
import { Alert, Card, Col, Grid, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints } from '../examAdmin/api';
import type { MarkingTask } from './api';
import MarkForm from './MarkForm';
import { QuestionImages } from '../questions/ImagesField';

type Text = { zh?: string; en?: string } | undefined;

export default function TaskView({
  task,
  onSubmit,
  onSkip,
  onNext,
}: {
  task: MarkingTask;
  onSubmit: (points: number, comment: string) => Promise<void>;
  onSkip: () => Promise<void>;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const wide = Grid.useBreakpoint().lg ?? true;
  const text = (l: Text) => (i18n.language === 'en' && l?.en ? l.en : (l?.zh ?? ''));
  const scenario = text(task.scenario);
  const q = task.question;
  const reading = { whiteSpace: 'pre-wrap' as const, fontSize: 16, lineHeight: 1.8, overflowWrap: 'anywhere' as const };

  return (
    <Row gutter={[16, 16]} data-testid="marking-task" data-task-id={task.id}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Space wrap size={4}>
                <span>{t('marking.question')}</span>
                <Tag>{t(`examAdmin.types.${q?.type ?? 'short_answer'}`)}</Tag>
              </Space>
            }
            extra={<Typography.Text type="secondary">{t('marking.worth', { points: formatPoints(task.max_points) })}</Typography.Text>}
          >
            {scenario && (
              <Alert type="info" style={{ marginBottom: 12 }} title={t('marking.scenario')} description={<div style={{ whiteSpace: 'pre-wrap' }} data-testid="task-scenario">{scenario}</div>} />
            )}
            <Typography.Paragraph style={{ ...reading, marginBottom: 0 }} data-testid="task-stem">
              {text(q?.stem)}
            </Typography.Paragraph>
            <QuestionImages ids={q?.images} />
          </Card>
          <Card size="small" title={t('marking.answer')}>
            {task.answer?.trim() ? (
              <div style={{ ...reading, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 14px' }} data-testid="task-answer">
                {task.answer}
              </div>
            ) : (
              <Typography.Text type="secondary" data-testid="task-answer">
                {t('marking.noAnswer')}
              </Typography.Text>
            )}
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={t('marking.reference')}>
            {q?.reference ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="task-reference">
                {q.reference}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('marking.noReference')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('marking.marking')}>
            {/* One form per task (its id as the key): a new answer always starts from an empty mark. */}
            <MarkForm key={task.id} task={task} autoFocus={wide} onSubmit={onSubmit} onSkip={onSkip} onNext={onNext} />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
