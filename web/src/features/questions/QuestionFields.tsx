// The fields every question has (code, type, product line, knowledge point, levels, difficulty,
// stem, explanation) and a case's editable list of sub-questions, each of them a question of one
// of the other types.
import { useContext } from 'react';
import { Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useProductLines } from '../productLines/api';
import { DIFFICULTIES, QUESTION_TYPES, type QuestionType } from './api';
import { emptyOptions, freshPart, type FieldPath, type OptionValues, type PartValues } from './form';
import { fitBlanksToStem, ReadOnly, StemFields, TypeFields } from './TypeFields';
import { ImagesField } from './ImagesField';

type Place = { at: FieldPath; name: FieldPath };

// A choice question needs options to choose from: switching to one offers four empty ones.
function useTypeSwitch(at: FieldPath) {
  const form = Form.useFormInstance();
  return (type: QuestionType) => {
    const options: OptionValues[] | undefined = form.getFieldValue([...at, 'options']);
    if ((type === 'single' || type === 'multiple') && !options?.length) form.setFieldValue([...at, 'options'], emptyOptions());
    if (type === 'single') form.setFieldValue([...at, 'correct'], (form.getFieldValue([...at, 'correct']) ?? []).slice(0, 1));
    if (type === 'true_false') form.setFieldValue([...at, 'correct'], []);
    fitBlanksToStem(form, at, form.getFieldValue([...at, 'stem']) ?? '');
  };
}

function useTypeOptions(types: readonly QuestionType[]) {
  const { t } = useTranslation();
  return types.map((v) => ({ value: v, label: t(`questions.types.${v}`) }));
}

function DifficultyField({ name }: { name: FieldPath }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={[...name, 'difficulty']} label={t('questions.difficulty')} tooltip={t('questions.difficultyHint')} rules={[{ required: true, message: t('questions.chooseRequired', { field: t('questions.difficulty') }) }]}>
      <Radio.Group optionType="button" buttonStyle="solid" options={DIFFICULTIES.map((d) => ({ value: d, label: String(d) }))} />
    </Form.Item>
  );
}

export function ExplanationFields({ name }: { name: FieldPath }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'explanation']} label={t('questions.explanation')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'explanation_en']} label={t('questions.explanationEn')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

// code, type, product line, knowledge point, levels, difficulty. `existing`: the question is saved
// already (its code stays, and a case stays a case).
export function CommonFields({ existing, levels, autoFocus }: { existing?: { type: QuestionType }; levels: Map<number, string>; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const lines = useProductLines();
  const onType = useTypeSwitch([]);
  const types = existing ? (existing.type === 'case' ? (['case'] as const) : QUESTION_TYPES.filter((x) => x !== 'case')) : QUESTION_TYPES;
  const typeOptions = useTypeOptions(types);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('login.required', { field }) }];
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="code" label={t('questions.code')} rules={required(t('questions.code'))}>
          <Input maxLength={40} disabled={!!existing} autoFocus={autoFocus} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="type" label={t('questions.type')} rules={[{ required: true, message: t('questions.chooseRequired', { field: t('questions.type') }) }]}>
          <Select options={typeOptions} onChange={onType} data-testid="question-type" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="product_line" label={t('questions.productLine')} rules={[{ required: true, message: t('questions.chooseRequired', { field: t('questions.productLine') }) }]}>
          <Select options={lines.options} showSearch optionFilterProp="label" data-testid="question-line" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="knowledge_point" label={t('questions.knowledgePoint')} rules={required(t('questions.knowledgePoint'))}>
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="ranks" label={t('questions.levels')} rules={[{ required: true, message: t('questions.chooseRequired', { field: t('questions.levels') }) }]}>
          <Select mode="multiple" options={[...levels].map(([value, label]) => ({ value, label }))} optionFilterProp="label" data-testid="question-levels" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <DifficultyField name={[]} />
      </Col>
    </Row>
  );
}

// One sub-question of a case: its own code, type (any but a case), difficulty and content.
function Part({ index, name, onRemove, onMove, count }: { index: number; name: number; onRemove: () => void; onMove: (to: number) => void; count: number }) {
  const { t } = useTranslation();
  const readOnly = useContext(ReadOnly);
  const form = Form.useFormInstance();
  const at: FieldPath = ['parts', name];
  const type: QuestionType = Form.useWatch([...at, 'type'], form) ?? 'single';
  const onType = useTypeSwitch(at);
  const typeOptions = useTypeOptions(QUESTION_TYPES.filter((x) => x !== 'case'));
  const n = index + 1;
  const place: Place = { at, name: [name] };
  return (
    <Card
      size="small"
      data-testid="case-part"
      title={t('questions.part', { n })}
      extra={
        !readOnly && (
          <Space size={4}>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('questions.moveUp', { n })} title={t('questions.moveUp', { n })} />
            <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('questions.moveDown', { n })} title={t('questions.moveDown', { n })} />
            <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('questions.removePart', { n })} title={t('questions.removePart', { n })} />
          </Space>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'code']} label={t('questions.code')} rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('questions.code') }) }]}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'type']} label={t('questions.type')}>
            <Select options={typeOptions} onChange={onType} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'knowledge_point']} label={t('questions.partPoint')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <DifficultyField name={[name]} />
        </Col>
      </Row>
      <StemFields {...place} type={type} />
      <ImagesField name={[name]} />
      <TypeFields {...place} type={type} />
      <ExplanationFields name={[name]} />
    </Card>
  );
}

export function CaseParts() {
  const { t } = useTranslation();
  const readOnly = useContext(ReadOnly);
  const form = Form.useFormInstance();
  return (
    <Form.List name="parts">
      {(fields, { add, remove, move }, { errors }) => (
        <Form.Item label={t('questions.parts')} required extra={!readOnly && t('questions.partsHint')}>
          <Flex vertical gap={12}>
            {fields.map((f, i) => (
              <Part key={f.key} index={i} name={f.name} count={fields.length} onRemove={() => remove(f.name)} onMove={(to) => move(i, to)} />
            ))}
            <Form.ErrorList errors={errors} />
            {!readOnly && (
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const code: string = (form.getFieldValue('code') ?? '').trim();
                    const parts: PartValues[] = form.getFieldValue('parts') ?? [];
                    add(freshPart('single', code ? `${code}-${parts.length + 1}` : '', form.getFieldValue('difficulty') ?? 3));
                  }}
                  data-testid="add-part"
                >
                  {t('questions.addPart')}
                </Button>
              </div>
            )}
            {fields.length === 0 && readOnly && <Typography.Text type="secondary">—</Typography.Text>}
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}
