// HR adds a holiday or a make-up workday (each change audited); the year shown follows the day added.
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { setCalendarDay } from './api';

type NewDay = { day: Dayjs; kind: 'holiday' | 'workday'; name: string };

export default function AddDay({ onAdded }: { onAdded: (year: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const required = useRequired();
  const [form] = Form.useForm<NewDay>();
  const { busy, submit } = useSubmit<NewDay>(form, async (v) => {
    await setCalendarDay({ day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name });
    form.resetFields(['day', 'name']);
    onAdded(v.day.year());
    await qc.invalidateQueries({ queryKey: ['calendar'] });
  });
  return (
    <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }} onFinish={(v) => void submit(v)} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="day" rules={required(t('calendar.day'))}>
        <DatePicker placeholder={t('calendar.day')} data-testid="calendar-day" />
      </Form.Item>
      <Form.Item name="kind">
        <Select style={{ width: 150 }} options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" rules={required(t('calendar.name'))}>
        <Input placeholder={t('calendar.name')} maxLength={50} data-testid="calendar-name" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-add">
        {t('calendar.add')}
      </Button>
    </Form>
  );
}
