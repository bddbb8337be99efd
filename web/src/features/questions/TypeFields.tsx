// The parts of the question editor that depend on the type: the stem (with a button that inserts a
// blank), a choice question's options and key, true/false, a fill-in question's accepted answers per
// blank with the normalisation, a short answer's model answer and scoring points.
//
// Each takes `at`, where the question sits in the form ([] for the question, ['parts', 2] for a
// case's third sub-question), and `name`, the same place relative to the enclosing list ([] or [2]):
// inside a Form.List the items are named relative to the list.
import { createContext, useContext, useRef } from 'react';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Typography, type FormInstance } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { QuestionType } from './api';
import { blankCount, fitBlanks, MAX_OPTIONS, nextKey, withoutOption, type FieldPath, type OptionValues, type RubricValues } from './form';

type Place = { at: FieldPath; name: FieldPath };

// A fill-in question has one list of accepted answers per blank of its stem: typing ___ adds one.
export function fitBlanksToStem(form: FormInstance, at: FieldPath, stem: string) {
  if (form.getFieldValue([...at, 'type']) !== 'fill_blank') return;
  const now: string[][] | undefined = form.getFieldValue([...at, 'blanks']);
  const n = blankCount(stem);
  if ((now?.length ?? 0) !== n) form.setFieldValue([...at, 'blanks'], fitBlanks(now, n));
}

// A reader's view (examiners, auditors): the fields show the question, and no control changes it.
export const ReadOnly = createContext(false);

export function StemFields({ at, name, type }: Place & { type: QuestionType }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const area = useRef<TextAreaRef>(null);
  const readOnly = useContext(ReadOnly);
  const required = [{ required: true, whitespace: true, message: t('login.required', { field: t('questions.stemZh') }) }];
  // Puts ___ where the cursor is (or at the end) and leaves the cursor after it.
  const insertBlank = () => {
    const el = area.current?.resizableTextArea?.textArea;
    const text: string = form.getFieldValue([...at, 'stem']) ?? '';
    const from = el ? el.selectionStart : text.length;
    const to = el ? el.selectionEnd : text.length;
    const stem = `${text.slice(0, from)}___${text.slice(to)}`;
    form.setFieldValue([...at, 'stem'], stem);
    fitBlanksToStem(form, at, stem);
    void form.validateFields([[...at, 'stem']]).catch(() => undefined);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(from + 3, from + 3);
    });
  };
  return (
    <>
      <Form.Item
        name={[...name, 'stem']}
        label={t('questions.stemZh')}
        rules={required}
        extra={
          type === 'fill_blank' && !readOnly && (
            <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={insertBlank}>
              {t('questions.insertBlank')}
            </Button>
          )
        }
      >
        <Input.TextArea ref={area} autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} onChange={(e) => fitBlanksToStem(form, at, e.target.value)} />
      </Form.Item>
      <Form.Item name={[...name, 'stem_en']} label={t('questions.stemEn')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 10 }} maxLength={4000} />
      </Form.Item>
    </>
  );
}

export function TypeFields({ at, name, type }: Place & { type: QuestionType }) {
  switch (type) {
    case 'single':
    case 'multiple':
      return <ChoiceFields at={at} name={name} multiple={type === 'multiple'} />;
    case 'true_false':
      return <TrueFalseFields name={name} />;
    case 'fill_blank':
      return <BlankFields at={at} name={name} />;
    case 'short_answer':
      return <ShortAnswerFields at={at} name={name} />;
    case 'case':
      return null;
  }
}

// A single answer kept as the one-element list the API has.
const oneOf = { getValueProps: (v?: string[]) => ({ value: v?.[0] }), normalize: (v?: string) => (v ? [v] : []) };

function ChoiceFields({ at, name, multiple }: Place & { multiple: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const readOnly = useContext(ReadOnly);
  const options: OptionValues[] = Form.useWatch([...at, 'options'], { form, preserve: true }) ?? [];
  const keys = options.map((o) => ({ value: o.key, label: o.key }));
  return (
    <>
      <Form.List name={[...name, 'options']}>
        {(fields, { add }, { errors }) => (
          <Form.Item label={t('questions.options')} required>
            <Flex vertical gap={12}>
              {fields.map((f, i) => {
                const key = options[i]?.key ?? '';
                return (
                  <Flex key={f.key} wrap align="start" style={{ columnGap: 8, rowGap: 4 }} data-testid="option-row">
                    <Form.Item name={[f.name, 'zh']} style={{ flex: '2 1 220px', marginBottom: 0 }}>
                      <Input prefix={<strong>{key}</strong>} placeholder={t('questions.option', { key })} aria-label={t('questions.option', { key })} maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'en']} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                      <Input placeholder={t('questions.optionEn', { key })} aria-label={t('questions.optionEn', { key })} maxLength={500} />
                    </Form.Item>
                    {!readOnly && (
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t('questions.removeOption', { key })}
                        title={t('questions.removeOption', { key })}
                        onClick={() => {
                          const next = withoutOption(form.getFieldValue([...at, 'options']) ?? [], form.getFieldValue([...at, 'correct']), i);
                          form.setFieldValue([...at, 'options'], next.options);
                          form.setFieldValue([...at, 'correct'], next.correct);
                        }}
                      />
                    )}
                  </Flex>
                );
              })}
              <Form.ErrorList errors={errors} />
              {!readOnly && (
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ key: nextKey(form.getFieldValue([...at, 'options'])), zh: '', en: '' })} disabled={fields.length >= MAX_OPTIONS}>
                    {t('questions.addOption')}
                  </Button>
                </div>
              )}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      {multiple ? (
        <Form.Item name={[...name, 'correct']} label={t('questions.correct')} required>
          <Checkbox.Group options={keys} />
        </Form.Item>
      ) : (
        <Form.Item name={[...name, 'correct']} label={t('questions.correct')} required {...oneOf}>
          <Radio.Group options={keys} optionType="button" buttonStyle="solid" />
        </Form.Item>
      )}
    </>
  );
}

function TrueFalseFields({ name }: { name: FieldPath }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={[...name, 'correct']} label={t('questions.correct')} required {...oneOf}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        options={[
          { value: 'true', label: t('questions.trueFalse.true') },
          { value: 'false', label: t('questions.trueFalse.false') },
        ]}
      />
    </Form.Item>
  );
}

// The accepted answers of each blank (as many lists as the stem has blanks) and the normalisation.
function BlankFields({ at, name }: Place) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const readOnly = useContext(ReadOnly);
  const n = blankCount(Form.useWatch([...at, 'stem'], form));
  return (
    <>
      <Form.List name={[...name, 'blanks']}>
        {(fields, _ops, { errors }) => (
          <Form.Item label={t('questions.blanks')} required extra={n > 0 && !readOnly && t('questions.blankHint')}>
            {n === 0 && <Typography.Text type="secondary">{t('questions.noBlanks')}</Typography.Text>}
            {fields.map((f, i) => (
              <Form.Item key={f.key} name={f.name} style={{ marginBottom: 8 }}>
                <Select
                  mode="tags"
                  open={false}
                  suffixIcon={null}
                  tokenSeparators={['|']}
                  prefix={<span style={{ whiteSpace: 'nowrap' }}>{t('questions.blank', { n: i + 1 })}</span>}
                  aria-label={t('questions.blank', { n: i + 1 })}
                  data-testid={`blank-${i}`}
                />
              </Form.Item>
            ))}
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Form.Item label={t('questions.normalise')}>
        <Flex wrap gap={16}>
          {(['trim', 'width', 'case'] as const).map((k) => (
            <Form.Item key={k} name={[...name, 'normalise', k]} valuePropName="checked" noStyle>
              <Checkbox>{t(`questions.${k}`)}</Checkbox>
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
    </>
  );
}

function ShortAnswerFields({ at, name }: Place) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const readOnly = useContext(ReadOnly);
  const rubric: RubricValues[] = Form.useWatch([...at, 'rubric'], form) ?? [];
  const total = rubric.reduce((s, p) => s + (Number(p?.points) || 0), 0);
  return (
    <>
      <Form.Item name={[...name, 'reference']} label={t('questions.reference')} required>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} />
      </Form.Item>
      <Form.List name={[...name, 'rubric']}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('questions.rubric')} extra={fields.length > 0 && t('questions.rubricTotal', { n: total })}>
            <Flex vertical gap={4}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" data-testid="rubric-row">
                  {/* No min, max or precision: a value out of range or with decimals is the server's field error, never silently changed. */}
                  <Form.Item name={[f.name, 'points']} style={{ marginBottom: 8 }}>
                    <InputNumber style={{ width: 84 }} placeholder={t('questions.points')} aria-label={`${t('questions.points')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} style={{ flex: 1, marginBottom: 8 }}>
                    <Input maxLength={500} placeholder={t('questions.pointText')} aria-label={`${t('questions.pointText')} ${i + 1}`} />
                  </Form.Item>
                  {!readOnly && (
                    <Button icon={<DeleteOutlined />} aria-label={t('questions.removePoint', { n: i + 1 })} title={t('questions.removePoint', { n: i + 1 })} onClick={() => remove(f.name)} />
                  )}
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              {!readOnly && (
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ points: undefined, text: '' })}>
                    {t('questions.addPoint')}
                  </Button>
                </div>
              )}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}
