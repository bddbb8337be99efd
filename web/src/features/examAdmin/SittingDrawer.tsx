// A sitting (考试场次) of a level's blueprint, new or saved, in a drawer: its name and kind, the
// window in which candidates start (entered in the browser's local time, sent as UTC instants), the
// duration, a room or remote, the capacity, what a focus loss past the limit does and how many webcam
// snapshots are taken of each candidate who consents. The server
// checks every rule and names the field; a saved sitting is changed with its version.
import { useEffect } from 'react';
import { Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Radio, Row, Select, Space, TimePicker, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
// The picker names months and weekdays by the dayjs locale of the UI language: Chinese must be loaded.
import 'dayjs/locale/zh-cn';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { createSitting, updateSitting, type Blueprint, type Sitting, type SittingInput } from './api';
import { localZone, toInstant } from './time';

type Values = {
  blueprint_id: number;
  name: string;
  kind: 'regular' | 'resit';
  opens_at: Dayjs;
  closes_at: Dayjs;
  duration_minutes: number | null;
  place: 'remote' | 'room';
  room: string;
  capacity: number;
  focus_limit: number;
  focus_action: 'flag' | 'submit';
  snapshots: number;
};

const FORMAT = 'YYYY-MM-DD HH:mm';

// An instant to the minute: one picker with the time beside the calendar, or on a phone (where that
// panel is wider than the screen) a date and a time side by side.
function DateTime({ value, onChange, compact, testid }: { value?: Dayjs | null; onChange?: (v: Dayjs | null) => void; compact: boolean; testid: string }) {
  if (!compact) return <DatePicker value={value} onChange={onChange} showTime={{ format: 'HH:mm', minuteStep: 5 }} format={FORMAT} style={{ width: '100%' }} data-testid={testid} />;
  const at = (d: Dayjs | null, time: Dayjs | null | undefined) => (d ? d.hour(time?.hour() ?? 9).minute(time?.minute() ?? 0).second(0).millisecond(0) : null);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <DatePicker value={value} onChange={(d) => onChange?.(at(d, value))} format="YYYY-MM-DD" style={{ flex: 3 }} data-testid={testid} />
      <TimePicker value={value} onChange={(tm) => onChange?.(tm ? at(value ?? tm, tm) : null)} format="HH:mm" minuteStep={5} needConfirm={false} style={{ flex: 2 }} />
    </Space.Compact>
  );
}

function initial(sitting: Sitting | undefined, blueprintId: number | undefined): Partial<Values> {
  if (sitting)
    return {
      blueprint_id: sitting.blueprint_id,
      name: sitting.name,
      kind: sitting.kind ?? 'regular',
      opens_at: dayjs(sitting.opens_at),
      closes_at: dayjs(sitting.closes_at),
      duration_minutes: sitting.duration_minutes ?? null,
      place: sitting.room ? 'room' : 'remote',
      room: sitting.room ?? '',
      capacity: sitting.capacity,
      focus_limit: sitting.focus_limit ?? 5,
      focus_action: sitting.focus_action ?? 'flag',
      snapshots: sitting.snapshots ?? 0,
    };
  // Tomorrow morning, a three-hour window.
  const opens = dayjs().add(1, 'day').hour(9).minute(0).second(0).millisecond(0);
  return { blueprint_id: blueprintId, kind: 'regular', opens_at: opens, closes_at: opens.add(3, 'hour'), duration_minutes: null, place: 'remote', room: '', capacity: 50, focus_limit: 5, focus_action: 'flag', snapshots: 0 };
}

export default function SittingDrawer({
  open,
  sitting,
  blueprintId,
  blueprints,
  levels,
  onClose,
}: {
  open: boolean;
  sitting: Sitting | undefined;
  blueprintId: number | undefined;
  blueprints: Blueprint[];
  levels: Map<number, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const qc = useQueryClient();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const place = Form.useWatch('place', form);
  const blueprintChosen = Form.useWatch('blueprint_id', form);
  const chosen = blueprints.find((b) => b.id === blueprintChosen);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // One level with a blueprint: that is the sitting's.
    form.setFieldsValue(initial(sitting, blueprintId ?? (blueprints.length === 1 ? blueprints[0].id : undefined)));
  }, [open, sitting?.id, sitting?.version, blueprintId]);

  const { busy, submit } = useSubmit<Values>(form, async (v) => {
    const body: SittingInput = {
      name: v.name.trim(),
      kind: v.kind,
      opens_at: toInstant(v.opens_at),
      closes_at: toInstant(v.closes_at),
      ...(v.duration_minutes ? { duration_minutes: v.duration_minutes } : {}),
      room: v.place === 'room' ? v.room.trim() : '',
      capacity: v.capacity,
      focus_limit: v.focus_limit,
      focus_action: v.focus_action,
      snapshots: v.snapshots ?? 0,
    };
    const saved = sitting ? await updateSitting(sitting.id!, sitting.version!, body) : await createSitting(v.blueprint_id, body);
    void message.success(t('examAdmin.sittingSaved', { name: saved.name }));
    await qc.invalidateQueries({ queryKey: ['examAdmin'] });
    onClose();
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={wide ? 640 : '100%'}
      forceRender
      title={sitting ? t('examAdmin.editSitting', { name: sitting.name }) : t('examAdmin.createSitting')}
      data-testid="sitting-drawer"
      footer={
        <Flex justify="end">
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="sitting-save">
              {t('examAdmin.saveSitting')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="blueprint_id" label={t('examAdmin.level')} rules={required(t('examAdmin.level'))} extra={sitting ? undefined : t('examAdmin.levelHint')}>
          <Select
            disabled={!!sitting}
            placeholder={t('common.choose')}
            data-testid="sitting-level"
            options={blueprints.map((b) => ({ value: b.id, label: levels.get(b.target_rank) ?? String(b.target_rank) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('examAdmin.nameLabel')} rules={required(t('examAdmin.nameLabel'))}>
          <Input maxLength={60} placeholder={t('examAdmin.sittingNamePlaceholder')} data-testid="sitting-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('examAdmin.kind')} extra={t(sitting ? 'examAdmin.kindFixed' : 'examAdmin.kindHint')}>
          <Radio.Group disabled={!!sitting} optionType="button" options={(['regular', 'resit'] as const).map((k) => ({ value: k, label: t(`examAdmin.kinds.${k}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="opens_at" label={t('examAdmin.opensAt')} rules={required(t('examAdmin.opensAt'))} extra={t('examAdmin.localTime', { zone: localZone() })}>
              <DateTime compact={!wide} testid="sitting-opens" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="closes_at" label={t('examAdmin.closesAt')} rules={required(t('examAdmin.closesAt'))} extra={t('examAdmin.closesHint')}>
              <DateTime compact={!wide} testid="sitting-closes" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="duration_minutes" label={t('examAdmin.duration')} extra={t('examAdmin.sittingDurationHint', { n: chosen?.duration_minutes ?? 90 })}>
          <InputNumber min={5} max={600} precision={0} suffix={t('examAdmin.minutes')} placeholder={String(chosen?.duration_minutes ?? 90)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="place" label={t('examAdmin.place')}>
          <Radio.Group optionType="button" options={(['remote', 'room'] as const).map((k) => ({ value: k, label: t(`examAdmin.places.${k}`) }))} data-testid="sitting-place" />
        </Form.Item>
        {place === 'room' && (
          <Form.Item name="room" label={t('examAdmin.room')} rules={required(t('examAdmin.room'))} extra={t('examAdmin.roomHint')}>
            <Input maxLength={60} placeholder={t('examAdmin.roomPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="capacity" label={t('examAdmin.capacity')} rules={required(t('examAdmin.capacity'))}>
          <InputNumber min={1} max={100000} precision={0} suffix={t('examAdmin.people')} style={{ width: 200 }} data-testid="sitting-capacity" />
        </Form.Item>
        <Form.Item name="focus_limit" label={t('examAdmin.focusLimit')} extra={t('examAdmin.focusLimitHint')} rules={required(t('examAdmin.focusLimit'))}>
          <InputNumber min={0} max={100} precision={0} suffix={t('examAdmin.times')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="focus_action" label={t('examAdmin.focusAction')} extra={t('examAdmin.focusActionHint')}>
          <Radio.Group options={(['flag', 'submit'] as const).map((k) => ({ value: k, label: t(`examAdmin.focusActions.${k}`) }))} data-testid="sitting-focus-action" />
        </Form.Item>
        <Form.Item name="snapshots" label={t('examAdmin.snapshotsLabel')} extra={t('examAdmin.snapshotsHint')}>
          <InputNumber min={0} max={10} precision={0} suffix={t('examAdmin.photos')} style={{ width: 200 }} data-testid="sitting-snapshots" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
