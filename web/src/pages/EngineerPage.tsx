import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useProductLines } from '../features/productLines/api';
import { useOrgTrees } from '../features/org/tree';
import { hasRole, useUser } from '../features/auth/auth';
import { useEngineer } from '../features/engineers/api';
import CreateEngineer from '../features/engineers/CreateEngineer';
import LevelDialog from '../features/engineers/LevelDialog';
import NextLevel from '../features/engineers/NextLevel';
import Results from '../features/engineers/Results';
import Certificates from '../features/certificates/Certificates';
import TrainingRecords from '../features/training/TrainingRecords';
import { useLevelLabels } from '../features/schemes/levels';
import { ErrorState, Loading } from '../features/ui';

const years = (from: string) => ((Date.now() - new Date(from).getTime()) / (365.25 * 24 * 3600 * 1000)).toFixed(1);

export default function EngineerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const engineer = useEngineer(id);
  const levels = useLevelLabels();
  const user = useUser();
  const org = useOrgTrees();
  const lines = useProductLines();
  const [editing, setEditing] = useState(false);
  const [changing, setChanging] = useState(false);
  if (engineer.isLoading) return <Loading />;
  if (engineer.error) return <ErrorState error={engineer.error} onRetry={() => void engineer.refetch()} />;
  const e = engineer.data!;
  const level = (r: number) => (r ? levels.get(r) ?? String(r) : t('engineers.noLevel'));
  const seesContact = hasRole(user, 'admin', 'hr', 'manager') || user.engineer_id === e.id;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/engineers">{t('common.back')}</Link>
            <span data-testid="engineer-name">{e.name}</span>
            <Tag>{e.employee_no}</Tag>
            <Tag color="geekblue">{level(e.rank)}</Tag>
          </Space>
        }
        extra={
          hasRole(user, 'admin', 'hr') && (
            <Space>
              <Button onClick={() => setChanging(true)}>{t('engineers.changeLevel')}</Button>
              <Button type="primary" onClick={() => setEditing(true)}>
                {t('engineers.edit')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} bordered size="small">
          <Descriptions.Item label={t('engineers.org')}>{e.org_unit_name}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.level')}>{level(e.rank)}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.levelSince')}>{e.level_since || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.hireDate')}>{e.hire_date}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.careerStart')}>{e.career_start}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.workYears')}>{t('engineers.years', { count: Number(years(e.career_start)) })}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.education')}>{t(`education.${e.education}`, { defaultValue: e.education })}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.productLines')}>{lines.join(e.product_lines) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('engineers.status')}>{t(`engineers.${e.status}`)}</Descriptions.Item>
          {/* Contact details only for the roles the server gives them to (#4's role × field table): not examiners, committee or auditors. */}
          {seesContact && <Descriptions.Item label={t('engineers.phone')}>{e.phone || '—'}</Descriptions.Item>}
          {seesContact && <Descriptions.Item label={t('engineers.email')}>{e.email || '—'}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {editing && (
        <CreateEngineer
          open
          editing={e}
          orgCode={org.codeOf(e.org_unit_id)}
          onClose={() => setEditing(false)}
          orgTree={org.byCode}
          levels={levels}
          productLines={lines.options}
        />
      )}
      <LevelDialog id={e.id} open={changing} onClose={() => setChanging(false)} levels={levels} />
      <Certificates id={e.id} levels={levels} rank={e.rank} history={e.history ?? []} />
      <Results id={e.id} levels={levels} />
      <NextLevel id={e.id} />
      <TrainingRecords id={e.id} />
      <Card title={t('engineers.history')}>
        {e.history && e.history.length > 0 ? (
          <Timeline
            items={e.history.map((h) => ({
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {h.since} · {level(h.rank)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('engineers.source')}: {t(`engineers.sources.${h.source.split(':')[0]}`, { defaultValue: h.source })}
                    {h.note ? ` · ${h.note}` : ''} · {t('engineers.recordedBy')}: {h.recorded_by}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
