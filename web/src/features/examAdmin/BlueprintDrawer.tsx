// The blueprint editor (组卷规则), a drawer: the sections of one level's paper (which questions, how
// many, how many points each), with each section's subtotal and the paper's total live; the duration,
// a fixed paper, review after close, and how short answers are marked (once or twice, and the
// discrepancy that calls a third marker). The server checks that the bank can fill every section: what
// it lacks is shown in the section it names, as is what the bank lacks now for a saved blueprint. Once
// a paper was drawn the blueprint is shown with nothing to change.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Select, Slider, Space, Switch, Typography, message } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSubmit } from '../forms';
import { useProductLines } from '../productLines/api';
import { createBlueprint, formatPoints, QUESTION_TYPES, TOTAL_POINTS, updateBlueprint, type Blueprint, type QuestionType } from './api';
import { emptySection, formPath, freshBlueprint, sectionOf, subtotalOf, toInput, toValues, totalOf, type BlueprintValues } from './blueprintForm';

const MAX_SECTIONS = 20;
type Text = { zh: string; en: string };
// What the bank lacks for a section: the server's words in both languages (a saved blueprint's
// shortfalls) or in the UI language (a refused save).
type Gap = { section: number; text: Text | string };

export default function BlueprintDrawer({
  open,
  cycleId,
  rank,
  level,
  blueprint,
  onClose,
}: {
  open: boolean;
  cycleId: number;
  rank: number;
  level: string;
  blueprint: Blueprint | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const wide = Grid.useBreakpoint().md ?? true;
  const qc = useQueryClient();
  const lines = useProductLines();
  const [form] = Form.useForm<BlueprintValues>();
  const sections = Form.useWatch('sections', form);
  const doubleMarking = Form.useWatch('double_marking', form);
  const [gaps, setGaps] = useState<Gap[]>([]);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const top = useRef<HTMLDivElement>(null);
  const locked = (blueprint?.papers ?? 0) > 0;
  const typeName = (type: QuestionType) => ({ zh: i18n.getFixedT('zh')(`examAdmin.types.${type}`), en: i18n.getFixedT('en')(`examAdmin.types.${type}`) });

  // Opened: the saved blueprint as the server has it (with what the bank lacks now), or the usual paper.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(blueprint ? toValues(blueprint) : freshBlueprint(typeName));
    setGaps((blueprint?.shortfalls ?? []).map((s) => ({ section: sectionOf(s.field ?? '') ?? -1, text: s.message! })).filter((g) => g.section >= 0));
    setUnplaced([]);
  }, [open, blueprint?.id, blueprint?.version]);

  // The server's errors on the fields they name; what the bank lacks in its section; the rest above the form.
  const place = (e: ApiError) => {
    const bankShort = e.problem.code === 'blueprint.bank_short';
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    const rest: string[] = [];
    const lacking: Gap[] = [];
    for (const x of e.problem.errors ?? []) {
      const section = sectionOf(x.field);
      if (bankShort && section !== null) lacking.push({ section, text: x.message });
      else if (x.field === 'sections') rest.push(x.message);
      else fields.push({ name: formPath(x.field), errors: [x.message] });
    }
    form.setFields(fields as never);
    const shown = fields.filter((f) => form.getFieldError(f.name as never).length > 0);
    setUnplaced([...rest, ...fields.filter((f) => !shown.includes(f)).flatMap((f) => f.errors)]);
    setGaps(lacking);
    const first = lacking[0]?.section ?? shown[0]?.name[1];
    if (typeof first === 'number') document.querySelector(`[data-testid="section-${first}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    else top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  const { busy, submit } = useSubmit<BlueprintValues>(form, async () => {
    setUnplaced([]);
    const input = toInput(rank, form.getFieldsValue(true) as BlueprintValues);
    try {
      if (blueprint) await updateBlueprint(blueprint.id!, blueprint.version!, input);
      else await createBlueprint(cycleId, input);
    } catch (e) {
      // A problem without field errors (a stale version, papers drawn meanwhile) is a message of useSubmit.
      if (e instanceof ApiError && e.problem.errors?.length) return place(e);
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) void qc.invalidateQueries({ queryKey: ['examAdmin', cycleId] });
      throw e;
    }
    void message.success(t('examAdmin.blueprintSaved', { level }));
    await qc.invalidateQueries({ queryKey: ['examAdmin', cycleId] });
    onClose();
  });

  // A change to a section makes what the server said about it stale.
  const onValuesChange = (changed: Partial<BlueprintValues>) => {
    const touched = Object.keys(changed.sections ?? {}).map(Number);
    if (touched.length) setGaps((g) => g.filter((x) => !touched.includes(x.section)));
  };

  const total = totalOf(sections);
  const gapsOf = (i: number) => gaps.filter((g) => g.section === i).map((g) => (typeof g.text === 'string' ? g.text : g.text[lang] || g.text.zh));
  const typeOptions = QUESTION_TYPES.map((type) => ({ value: type, label: t(`examAdmin.types.${type}`) }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={wide ? 860 : '100%'}
      forceRender
      title={t(blueprint ? 'examAdmin.editBlueprint' : 'examAdmin.createBlueprint', { level })}
      data-testid="blueprint-drawer"
      footer={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong type={total === TOTAL_POINTS ? 'success' : 'danger'} data-testid="blueprint-total">
            {t('examAdmin.total', { total: formatPoints(total), required: formatPoints(TOTAL_POINTS) })}
          </Typography.Text>
          <Space>
            <Button onClick={onClose}>{t(locked ? 'common.close' : 'common.cancel')}</Button>
            {!locked && (
              <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="blueprint-save">
                {t('examAdmin.saveBlueprint')}
              </Button>
            )}
          </Space>
        </Flex>
      }
    >
      <div ref={top} />
      {locked && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('examAdmin.blueprintLocked', { count: blueprint?.papers })} />}
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="blueprint-problems"
          title={t('examAdmin.notSaved')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unplaced.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<BlueprintValues> form={form} layout="vertical" disabled={locked} onFinish={(v) => void submit(v)} onValuesChange={onValuesChange}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="duration_minutes" label={t('examAdmin.duration')} rules={[{ required: true, message: t('login.required', { field: t('examAdmin.duration') }) }]}>
              <InputNumber min={5} max={600} precision={0} suffix={t('examAdmin.minutes')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('examAdmin.passMark')} extra={t('examAdmin.passMarkHint')}>
              <Typography.Text data-testid="blueprint-pass-mark">{blueprint ? formatPoints(blueprint.pass_mark) : <Typography.Text type="secondary">{t('examAdmin.passMarkLater')}</Typography.Text>}</Typography.Text>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fixed" label={t('examAdmin.fixed')} extra={t('examAdmin.fixedHint')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="review_after_close" label={t('examAdmin.review')} extra={t('examAdmin.reviewHint')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="double_marking" label={t('marking.doubleMarking')} extra={t('marking.doubleMarkingHint')} valuePropName="checked">
              <Switch data-testid="blueprint-double-marking" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="discrepancy_percent"
              label={t('marking.discrepancy')}
              extra={t('marking.discrepancyHint')}
              rules={[{ required: true, message: t('login.required', { field: t('marking.discrepancy') }) }]}
            >
              <InputNumber min={0} max={100} precision={0} suffix="%" disabled={doubleMarking === false} style={{ width: '100%' }} data-testid="blueprint-discrepancy" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('examAdmin.sections')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('examAdmin.sectionsHint')}</Typography.Paragraph>
        <Form.List name="sections">
          {(fields, { add, remove, move }) => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {fields.map((f, i) => {
                const lacking = gapsOf(i);
                const types = (sections?.[i]?.types ?? []) as QuestionType[];
                return (
                  <Card
                    key={f.key}
                    size="small"
                    data-testid={`section-${i}`}
                    style={lacking.length ? { borderColor: '#ff4d4f' } : undefined}
                    title={[t('examAdmin.section', { n: i + 1 }), sections?.[i]?.title?.[lang]?.trim()].filter(Boolean).join(' · ')}
                    extra={
                      <Space size={4} wrap>
                        <Typography.Text type="secondary" data-testid={`section-${i}-subtotal`}>
                          {t('examAdmin.subtotal', { n: formatPoints(subtotalOf(sections?.[i])) })}
                        </Typography.Text>
                        {!locked && (
                          <>
                            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('examAdmin.moveUp', { n: i + 1 })} onClick={() => (setGaps([]), move(i, i - 1))} />
                            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} aria-label={t('examAdmin.moveDown', { n: i + 1 })} onClick={() => (setGaps([]), move(i, i + 1))} />
                            <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} aria-label={t('examAdmin.removeSection', { n: i + 1 })} onClick={() => (setGaps([]), remove(i))} />
                          </>
                        )}
                      </Space>
                    }
                  >
                    {lacking.length > 0 && (
                      <Alert
                        type="error"
                        showIcon
                        style={{ marginBottom: 12 }}
                        data-testid={`section-${i}-shortfall`}
                        title={lacking.length === 1 ? lacking[0] : <ul style={{ margin: 0, paddingInlineStart: 20 }}>{lacking.map((m, k) => <li key={k}>{m}</li>)}</ul>}
                      />
                    )}
                    <Row gutter={12}>
                      <Col xs={24} md={12}>
                        <Form.Item name={[f.name, 'title', 'zh']} label={t('examAdmin.titleZh')}>
                          <Input maxLength={60} placeholder={t('examAdmin.titlePlaceholder', { n: i + 1 })} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[f.name, 'title', 'en']} label={t('examAdmin.titleEn')}>
                          <Input maxLength={120} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'types']} label={t('examAdmin.types.label')}>
                          <Select mode="multiple" allowClear placeholder={t('examAdmin.anyType')} options={typeOptions} data-testid={`section-${i}-types`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'product_line']} label={t('examAdmin.productLine')}>
                          <Select allowClear showSearch optionFilterProp="label" placeholder={t('examAdmin.anyProductLine')} options={lines.options} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'knowledge_point']} label={t('examAdmin.knowledgePoint')}>
                          <Input maxLength={100} placeholder={t('examAdmin.anyKnowledgePoint')} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'difficulty']} label={t('examAdmin.difficulty')} extra={t('examAdmin.difficultyHint')}>
                          <Slider range min={1} max={5} marks={{ 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' }} style={{ marginInline: 8 }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[f.name, 'count']} label={t('examAdmin.count')} rules={[{ required: true, message: t('login.required', { field: t('examAdmin.count') }) }]}>
                          <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} data-testid={`section-${i}-count`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item
                          name={[f.name, 'points']}
                          label={t('examAdmin.points')}
                          extra={types.includes('case') ? t('examAdmin.casePoints') : undefined}
                          rules={[{ required: true, message: t('login.required', { field: t('examAdmin.points') }) }]}
                        >
                          <InputNumber min={0.01} max={100} step={0.5} precision={2} style={{ width: '100%' }} data-testid={`section-${i}-points`} />
                        </Form.Item>
                      </Col>
                      {(types.length === 0 || types.includes('multiple')) && (
                        <Col xs={24} md={6}>
                          <Form.Item name={[f.name, 'partial_credit']} label={t('examAdmin.partialCredit')} extra={t('examAdmin.partialCreditHint')} valuePropName="checked">
                            <Switch />
                          </Form.Item>
                        </Col>
                      )}
                    </Row>
                  </Card>
                );
              })}
              {!locked && (
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_SECTIONS}
                  onClick={() => add(emptySection())}
                  data-testid="add-section"
                >
                  {t('examAdmin.addSection')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
