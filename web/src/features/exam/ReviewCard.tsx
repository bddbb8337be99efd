// One question of a closed exam as its candidate reviews it: the stem, their answer beside the key
// (choices in the order they saw them, marked "your choice" and "correct" in words as well as in
// colour), the points earned and the explanation. The review page and the wrong-question list share it.
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QuestionImages } from '../questions/ImagesField';
import { answered, blanksOf, inLanguage, optionsAsSeen, points, pointsOf, rubricOf, truth, verdict, VERDICT_COLORS, type ReviewQuestion, type Text } from './review';

const GREEN = { border: '#52c41a', background: '#f6ffed' };
const RED = { border: '#ff4d4f', background: '#fff2f0' };
const PLAIN = { border: '#f0f0f0', background: 'transparent' };

// A line of the answer: an option (or true / false) with the candidate's choice and the key marked.
function Choice({ letter, label, chosen, correct }: { letter?: string; label: string; chosen: boolean; correct: boolean }) {
  const { t } = useTranslation();
  const look = correct ? GREEN : chosen ? RED : PLAIN;
  return (
    <li data-testid="option" data-chosen={chosen} data-correct={correct}
      style={{ borderInlineStart: `4px solid ${look.border}`, background: look.background, borderRadius: 4, padding: '6px 10px', marginBottom: 6 }}>
      <div style={{ whiteSpace: 'pre-wrap' }}>{letter ? `${letter}. ` : ''}{label}</div>
      {(chosen || correct) && (
        <Space size={4} wrap style={{ marginTop: 4 }}>
          {chosen && (
            <Tag color={correct ? 'success' : 'error'} icon={correct ? <CheckCircleFilled /> : <CloseCircleFilled />}>{t('review.yourChoice')}</Tag>
          )}
          {correct && <Tag color="success" variant="outlined">{t('review.correct')}</Tag>}
        </Space>
      )}
    </li>
  );
}

const listStyle = { listStyle: 'none', padding: 0, margin: '0 0 8px' } as const;

function Labelled({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div style={{ marginBottom: 8 }} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</div>
    </div>
  );
}

function Answer({ q }: { q: ReviewQuestion }) {
  const { t, i18n } = useTranslation();
  const type = q.question?.type;
  const notAnswered = !answered(q) && <Tag data-testid="not-answered">{t('review.notAnswered')}</Tag>;
  if (type === 'single' || type === 'multiple')
    return (
      <>
        {notAnswered}
        <ul style={listStyle}>
          {optionsAsSeen(q).map((o) => <Choice key={o.key} letter={o.letter} label={inLanguage(o.label, i18n.language)} chosen={o.chosen} correct={o.correct} />)}
        </ul>
      </>
    );
  if (type === 'true_false') {
    const mine = truth(q.answer);
    const key = truth(q.question?.correct);
    return (
      <>
        {notAnswered}
        <ul style={listStyle}>
          {[true, false].map((v) => <Choice key={String(v)} label={t(v ? 'exam.true' : 'exam.false')} chosen={mine === v} correct={key === v} />)}
        </ul>
      </>
    );
  }
  if (type === 'fill_blank')
    return (
      <ul style={listStyle}>
        {blanksOf(q).map((b, i) => (
          <li key={i} data-testid="blank" style={{ borderInlineStart: `4px solid ${PLAIN.border}`, padding: '6px 10px', marginBottom: 6 }}>
            <Typography.Text strong>{t('review.blank', { n: i + 1 })}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{t('review.labelled', { label: t('review.yourAnswer') })}</Typography.Text>
              {b.answer ? <span style={{ overflowWrap: 'anywhere' }}>{b.answer}</span> : <Tag>{t('review.notAnswered')}</Tag>}
            </div>
            <div>
              <Typography.Text type="secondary">{t('review.labelled', { label: t('review.accepted') })}</Typography.Text>
              <span style={{ overflowWrap: 'anywhere' }}>{b.accepted.join(' / ') || '—'}</span>
            </div>
          </li>
        ))}
      </ul>
    );
  // A short answer: their text, the reference answer and what each scoring point is worth here.
  const rubric = rubricOf(q);
  return (
    <>
      <Labelled label={t('review.yourAnswer')} testId="short-answer">{answered(q) ? q.answer?.join('\n') : <Tag>{t('review.notAnswered')}</Tag>}</Labelled>
      {q.question?.reference && <Labelled label={t('review.reference')} testId="reference">{q.question.reference}</Labelled>}
      {rubric.length > 0 && (
        <Labelled label={t('review.rubric')} testId="rubric">
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {rubric.map((r, i) => <li key={i}>{t('review.rubricPoint', { text: r.text, points: points(r.worth) })}</li>)}
          </ol>
        </Labelled>
      )}
    </>
  );
}

// The case a part belongs to, over the part.
export function CaseStem({ stem }: { stem: Text }) {
  const { t, i18n } = useTranslation();
  return <Alert type="info" style={{ marginBottom: 12 }} title={t('review.caseTitle')} description={<div style={{ whiteSpace: 'pre-wrap' }}>{inLanguage(stem, i18n.language)}</div>} />;
}

// `heading`: what the card is called (its number on the paper); `context`: shown over the stem;
// `footer`: where it comes from.
export function ReviewCard({ q, heading, context, footer }: { q: ReviewQuestion; heading?: string; context?: React.ReactNode; footer?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const v = verdict(q);
  const explanation = inLanguage(q.question?.explanation, i18n.language);
  const type = q.question?.type ?? 'single';
  return (
    <Card size="small" style={{ marginBottom: 12, breakInside: 'avoid' }} data-question={q.question_id} data-verdict={v}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text strong>{[heading, t(`exam.types.${type}`)].filter(Boolean).join(' · ')}</Typography.Text>
        <Space size={4}>
          <Tag color={VERDICT_COLORS[v]} data-testid="verdict">{t(`review.verdicts.${v}`)}</Tag>
          <Typography.Text data-testid="points">{t('review.points', { points: pointsOf(q) })}</Typography.Text>
        </Space>
      </div>
      {context}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }} data-testid="stem">{inLanguage(q.question?.stem, i18n.language)}</Typography.Paragraph>
      <QuestionImages ids={q.question?.images} />
      <Answer q={q} />
      {explanation && (
        <div data-testid="explanation" style={{ background: '#fafafa', borderRadius: 4, padding: '8px 10px' }}>
          <Typography.Text strong>{t('review.labelled', { label: t('review.explanation') })}</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{explanation}</span>
        </div>
      )}
      {footer && <div style={{ marginTop: 8 }}>{footer}</div>}
    </Card>
  );
}
