// 课程目录: every scheme's courses, what each is called in both languages and which levels require it.
// The training import accepts only these codes.
import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCourses } from '../features/training/api';
import { EmptyState, ErrorState } from '../features/ui';

export default function CoursesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const courses = useCourses();
  if (courses.error) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  const needle = q.trim().toLowerCase();
  const rows = (courses.data?.items ?? []).filter(
    (c) => !needle || c.code.toLowerCase().includes(needle) || c.name.zh.includes(needle) || c.name.en.toLowerCase().includes(needle),
  );
  return (
    <Card title={t('courses.title')} data-testid="courses">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('courses.hint')}</Typography.Text>
        <Input.Search
          allowClear
          style={{ maxWidth: 320 }}
          placeholder={t('courses.search')}
          defaultValue={q}
          onSearch={(v) => setParams(v ? { q: v } : {}, { replace: true })}
        />
        <Table
          rowKey={(c) => `${c.scheme_id}-${c.code}`}
          size="small"
          loading={courses.isLoading}
          dataSource={rows}
          locale={{ emptyText: <EmptyState /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('courses.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('courses.name'), render: (_, c) => c.name[lang] },
            { title: t('courses.scheme'), render: (_, c) => c.scheme_name[lang] },
            { title: t('courses.requiredFor'), render: (_, c) => (c.required_for.length ? c.required_for.map((l) => <Tag key={l.zh}>{l[lang]}</Tag>) : '—') },
          ]}
        />
      </Space>
    </Card>
  );
}
