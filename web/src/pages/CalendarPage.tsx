// The working-day calendar behind the public notice: holidays on weekdays and make-up workdays on
// weekends (调休), by year; HR adds and removes days (each change audited).
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Popconfirm, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../features/auth/auth';
import { useAction } from '../features/forms';
import { setCalendarDay, useCalendar } from '../features/calendar/api';
import AddDay from '../features/calendar/AddDay';
import { EmptyState, ErrorState } from '../features/ui';

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const editable = hasRole(user, 'admin', 'hr');
  const run = useAction(['calendar']);
  const days = useCalendar();
  const [year, setYear] = useState(new Date().getFullYear());
  const years = useMemo(() => {
    const ys = new Set([new Date().getFullYear(), new Date().getFullYear() + 1]);
    for (const d of days.data?.items ?? []) ys.add(Number(d.day.slice(0, 4)));
    return [...ys].sort();
  }, [days.data]);
  if (days.error) return <ErrorState error={days.error} onRetry={() => void days.refetch()} />;
  const rows = (days.data?.items ?? []).filter((d) => d.day.startsWith(`${year}-`));
  const weekday = (d: string) => new Date(`${d}T00:00:00`).toLocaleDateString(i18n.language === 'en' ? 'en-US' : 'zh-CN', { weekday: 'short' });
  return (
    <Card title={t('calendar.title')} extra={<Select aria-label={t('calendar.year')} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: y }))} style={{ width: 100 }} />}>
      <Alert type="info" showIcon message={t('calendar.hint')} style={{ marginBottom: 16 }} />
      {editable && <AddDay onAdded={setYear} />}
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
                <Popconfirm title={t('calendar.confirmRemove', { day: d.day })} onConfirm={() => void run(async () => setCalendarDay({ day: d.day, kind: 'none' }))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button size="small">{t('calendar.remove')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
