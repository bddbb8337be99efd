// The mark of one answer: the scoring points as checkboxes whose points add up into the mark (which
// the marker may still type over: 0 to the question's points, two decimals), a comment, submit
// (Enter in the mark, Ctrl+Enter in the comment) and skip. One form per task: the caller keys it by
// the task's id, so nothing typed for one answer is ever sent for another.
import { useRef, useState } from 'react';
import { Alert, Button, Checkbox, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../api/client';
import { formatPoints } from '../examAdmin/api';
import type { MarkingTask } from './api';
import { fieldErrors, fromHundredths, isScaled, markOf, pointValue, rubricTotal, toHundredths } from './marks';

type Values = { ticked: number[]; points: number | null; comment: string };

export default function MarkForm({
  task,
  autoFocus,
  onSubmit,
  onSkip,
  onNext,
}: {
  task: MarkingTask;
  autoFocus?: boolean;
  // Saves the mark (hundredths); throws the server's problem.
  onSubmit: (points: number, comment: string) => Promise<void>;
  onSkip: () => Promise<void>;
  // After a refusal that leaves nothing to do with this task (a mark already given, a claim gone): the next one.
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'submit' | 'skip' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const sending = useRef(false);
  const max = task.max_points ?? 0;
  const rubric = task.question?.rubric ?? [];

  const submit = async (v: Values) => {
    const points = toHundredths(v.points);
    if (points === null || sending.current) return;
    sending.current = true;
    setBusy('submit');
    setProblem(null);
    try {
      await onSubmit(points, (v.comment ?? '').trim());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const { fields, rest } = fieldErrors(e.problem.errors);
      if (fields.length) form.setFields(fields);
      if (!fields.length || rest.length) setProblem({ ...e.problem, detail: rest.join('；') || e.problem.detail });
    } finally {
      sending.current = false;
      setBusy(null);
    }
  };
  const skip = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy('skip');
    try {
      await onSkip();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(e.problem);
    } finally {
      sending.current = false;
      setBusy(null);
    }
  };
  // Ticking the scoring points writes their sum into the mark; none ticked leaves it to be typed.
  const onValuesChange = (changed: Partial<Values>) => {
    if (!('ticked' in changed)) return;
    const ticked = changed.ticked ?? [];
    form.setFieldValue('points', ticked.length ? fromHundredths(markOf(rubric, ticked, max)) : null);
    form.setFields([{ name: 'points', errors: [] }]);
  };
  const range = (_: unknown, v: number | null | undefined) => {
    if (v === null || v === undefined) return Promise.reject(new Error(t('marking.markRequired')));
    const h = toHundredths(v)!;
    return h < 0 || h > max ? Promise.reject(new Error(t('marking.markRange', { max: formatPoints(max) }))) : Promise.resolve();
  };
  // Nothing more to do with this task: its mark was given (another tab), or its claim passed to another marker.
  const final = problem?.code === 'marking.final' || problem?.status === 404;

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ ticked: [], points: null, comment: '' }} onValuesChange={onValuesChange} onFinish={(v) => void submit(v)} data-testid="mark-form">
      {rubric.length > 0 && (
        <Form.Item
          name="ticked"
          label={t('marking.rubric')}
          extra={isScaled(rubric, max) ? t('marking.rubricScaled', { total: rubricTotal(rubric), max: formatPoints(max) }) : t('marking.rubricHint')}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="rubric">
            {rubric.map((p, i) => (
              <Checkbox key={i} value={i} data-testid={`rubric-${i}`}>
                <Flex gap={8} align="baseline">
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {t('marking.pointValue', { points: formatPoints(pointValue(rubric, i, max)) })}
                  </Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{p.text}</span>
                </Flex>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.Item name="points" label={t('marking.mark')} rules={[{ validator: range }]} extra={t('marking.markHint')}>
        <InputNumber
          step={0.5}
          precision={2}
          inputMode="decimal"
          autoFocus={autoFocus}
          placeholder={t('marking.markPlaceholder', { max: formatPoints(max) })}
          suffix={`/ ${formatPoints(max)}`}
          style={{ width: 200 }}
          data-testid="mark-points"
        />
      </Form.Item>
      <Form.Item name="comment" label={t('marking.comment')} extra={t('marking.commentHint')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('marking.commentPlaceholder')}
          data-testid="mark-comment"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        />
      </Form.Item>
      {problem && (
        <Alert
          type={final ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={problem.title}
          description={problem.detail && problem.detail !== problem.title ? problem.detail : undefined}
          data-testid="mark-problem"
          action={
            final && (
              <Button size="small" onClick={onNext} data-testid="mark-next">
                {t('marking.takeNext')}
              </Button>
            )
          }
        />
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy === 'submit'} disabled={!!busy || final} data-testid="mark-submit">
          {t('marking.submit')}
        </Button>
        <Button onClick={() => void skip()} loading={busy === 'skip'} disabled={!!busy || final} data-testid="mark-skip">
          {t('marking.skip')}
        </Button>
      </Space>
    </Form>
  );
}
