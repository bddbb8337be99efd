import { useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { hasRole, useUser } from '../features/auth/auth';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { schemeExportUrl, useRefreshSchemes, useScheme } from '../features/schemes/api';
import LevelCard, { difficultyColor } from '../features/schemes/LevelCard';
import SchemeDiff from '../features/schemes/SchemeDiff';
import EditScheme from '../features/schemes/EditScheme';
import { ErrorState, Loading } from '../features/ui';
import { formatTime } from '../features/format';

export default function SchemePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const id = Number(useParams().id);
  const [version, setVersion] = useState<number | undefined>();
  const [editing, setEditing] = useState(false);
  const user = useUser();
  const refreshSchemes = useRefreshSchemes();
  const scheme = useScheme(id, version);
  if (scheme.isLoading) return <Loading />;
  if (scheme.error) return <ErrorState error={scheme.error} onRetry={() => void scheme.refetch()} />;
  const s = scheme.data!;
  const levels = [...s.levels].sort((a, b) => b.rank - a.rank);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/schemes">{t('common.back')}</Link>
            <span data-testid="scheme-title">{s.name[lang]}</span>
            {s.is_default && <Tag color="blue">{t('schemes.default')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Select
              style={{ width: 110 }}
              value={s.version}
              onChange={setVersion}
              options={s.versions.map((v) => ({ value: v.version, label: `${t('schemes.version')} ${v.version}` }))}
            />
            <Button href={schemeExportUrl(s.id, s.version)}>{t('schemes.export')}</Button>
            {hasRole(user, 'admin', 'hr') && (
              <Button type="primary" onClick={() => setEditing(true)}>
                {t('schemes.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph>{s.description[lang]}</Typography.Paragraph>
        {s.recertification_lower_by !== undefined && (
          <Typography.Paragraph type="secondary" data-testid="recertification-rule">
            {s.recertification_lower_by === 0 ? t('schemes.recertKeeps') : t('schemes.recertLowers', { n: s.recertification_lower_by })}
          </Typography.Paragraph>
        )}
        <Timeline
          items={levels.map((l) => ({
            color: difficultyColor[l.max_difficulty],
            children: <LevelCard level={l} lang={lang} />,
          }))}
        />
      </Card>
      {editing && (
        <EditScheme
          id={s.id}
          version={s.version}
          code={s.code}
          onClose={(saved) => {
            setEditing(false);
            if (saved) {
              setVersion(saved);
              void refreshSchemes();
            }
          }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('schemes.versions')} size="small">
            <Table
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey="version"
              pagination={false}
              dataSource={s.versions}
              columns={[
                { title: t('schemes.version'), dataIndex: 'version', width: 80 },
                { title: t('schemes.createdAt'), dataIndex: 'created_at', render: (v: string) => formatTime(v) },
                { title: t('schemes.createdBy'), dataIndex: 'created_by' },
                { title: t('schemes.note'), dataIndex: 'note', render: (v: string, r) => v || (r.created_by === 'system' ? t('schemes.preset') : '') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {s.versions.length > 1 && <SchemeDiff id={s.id} versions={s.versions.map((v) => v.version)} />}
        </Col>
      </Row>
    </Space>
  );
}
