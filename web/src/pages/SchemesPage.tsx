import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../features/auth/auth';
import { importScheme, useRefreshSchemes, useSchemes } from '../features/schemes/api';
import { EmptyState, ErrorState, Loading } from '../features/ui';
import ProblemList from '../features/ProblemList';
import { ApiError, type Problem } from '../api/client';

export default function SchemesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const user = useUser();
  const refreshSchemes = useRefreshSchemes();
  const schemes = useSchemes();
  const [problem, setProblem] = useState<Problem | null>(null);

  if (schemes.isLoading) return <Loading />;
  if (schemes.error) return <ErrorState error={schemes.error} onRetry={() => void schemes.refetch()} />;

  const upload = async (file: File) => {
    setProblem(null);
    try {
      const s = await importScheme(await file.text(), file.name);
      void message.success(t('schemes.imported', { version: s.version }));
      await refreshSchemes();
    } catch (e) {
      if (e instanceof ApiError) setProblem(e.problem);
      else throw e;
    }
    return false;
  };

  return (
    <Card
      title={t('schemes.title')}
      extra={
        <Space wrap>
          <Link to="/courses" data-testid="open-courses">{t('courses.open')}</Link>
          {hasRole(user, 'admin', 'hr') && (
            <Upload accept=".toml" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
              <Button>{t('schemes.import')}</Button>
            </Upload>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {hasRole(user, 'admin', 'hr') && <Typography.Text type="secondary">{t('schemes.importHint')}</Typography.Text>}
        {problem && (
          <Alert type="error" showIcon title={problem.title} description={<ProblemList problem={problem} />} closable onClose={() => setProblem(null)} />
        )}
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          dataSource={schemes.data?.items}
          locale={{ emptyText: <EmptyState /> }}
          pagination={false}
          columns={[
            { title: t('schemes.name'), render: (_, s) => <Link to={`/schemes/${s.id}`}>{s.name[lang]}</Link> },
            { title: t('schemes.code'), dataIndex: 'code' },
            { title: t('schemes.levels'), dataIndex: 'levels', width: 100 },
            { title: t('schemes.version'), dataIndex: 'latest_version', width: 100 },
            { title: '', width: 120, render: (_, s) => s.is_default && <Tag color="blue">{t('schemes.default')}</Tag> },
          ]}
        />
      </Space>
    </Card>
  );
}
