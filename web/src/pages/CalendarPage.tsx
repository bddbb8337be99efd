// The working-day calendar behind the public notice: holidays on weekdays and make-up workdays on
// weekends (调休), by year; HR adds and removes days (each change audited).
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { hasRole, useUser } from '../features/auth/auth';
import { useAction, useRequired, useSubmit } from '../features/forms';
import { EmptyState, ErrorState } from '../features/ui';

type NewDay = { day: Dayjs; kind: 'holiday' | 'workday'; name: string };

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const editable = hasRole(user, 'admin', 'hr');
  const qc = useQueryClient();
  const required = useRequired();
  const run = useAction(['calendar']);
  const [form] = Form.useForm<NewDay>();
  const days = useQuery({ queryKey: ['calendar'], queryFn: async () => unwrap(await api.GET('/api/v1/calendar')) });
  const [year, setYear] = useState(new Date().getFullYear());
  const years = useMemo(() => {
    const ys = new Set([new Date().getFullYear(), new Date().getFullYear() + 1]);
    for (const d of days.data?.items ?? []) ys.add(Number(d.day.slice(0, 4)));
    return [...ys].sort();
  }, [days.data]);
  const { busy, submit } = useSubmit<NewDay>(form, async (v) => {
    unwrap(await api.POST('/api/v1/calendar', { body: { day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name } }));
    form.resetFields(['day', 'name']);
    setYear(v.day.year());
    await qc.invalidateQueries({ queryKey: ['calendar'] });
  });
  if (days.error) return <ErrorState error={days.error} onRetry={() => void days.refetch()} />;
  const rows = (days.data?.items ?? []).filter((d) => d.day.startsWith(`${year}-`));
  const weekday = (d: string) => new Date(`${d}T00:00:00`).toLocaleDateString(i18n.language === 'en' ? 'en-US' : 'zh-CN', { weekday: 'short' });
  return (
    <Card title={t('calendar.title')} extra={<Select aria-label={t('calendar.year')} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: y }))} style={{ width: 100 }} />}>
      <Alert type="info" showIcon message={t('calendar.hint')} style={{ marginBottom: 16 }} />
      {editable && (
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
      )}
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="day"
        size="small"
        loading={days.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState /> }}
        columns={[
          { title: t('calendar.day'), dataIndex: 'day', render: (d: string) => (i18n.language === 'en' ? `${d} (${weekday(d)})` : `${d}（${weekday(d)}）`) },
          { title: t('calendar.kind'), dataIndex: 'kind', render: (k: 'holiday' | 'workday') => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kinds.${k}`)}</Tag> },
          { title: t('calendar.name'), dataIndex: 'name' },
          {
            title: '',
            render: (_, d) =>
              editable && (
                <Popconfirm title={t('calendar.confirmRemove', { day: d.day })} onConfirm={() => void run(async () => unwrap(await api.POST('/api/v1/calendar', { body: { day: d.day, kind: 'none' } })))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button size="small">{t('calendar.remove')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
