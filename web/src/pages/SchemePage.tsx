import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, List, Modal, Row, Select, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { hasRole, useUser } from '../features/auth/auth';
import ProblemList from '../features/ProblemList';
import { ApiError, type Problem } from '../api/client';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { importScheme, useScheme, useSchemeDiff } from '../features/schemes/api';
import { ErrorState, Loading } from '../features/ui';
import type { Level } from '../api/client';
import { formatTime } from '../features/format';

const difficultyColor: Record<string, string> = { simple: 'green', general: 'blue', complex: 'orange', difficult: 'red' };

function LevelCard({ level, lang }: { level: Level; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid={`level-${level.rank}`}
      title={
        <Space wrap>
          <Tag color="geekblue">{level.code}</Tag>
          <span>{level.label[lang]}</span>
          <Tag color={difficultyColor[level.max_difficulty]}>
            {t('schemes.difficulty')}: {level.max_difficulty_label[lang]}
          </Tag>
        </Space>
      }
      size="small"
    >
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.basic')}</Typography.Text>
          <List size="small" dataSource={level.basic_requirements} renderItem={(r) => <List.Item>{r[lang]}</List.Item>} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.skill')}</Typography.Text>
          <List size="small" dataSource={level.skill_requirements} renderItem={(r) => <List.Item>{r[lang]}</List.Item>} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.eligibility')}</Typography.Text>
          {level.eligibility.length === 0 ? (
            <div>{t('schemes.noEligibility')}</div>
          ) : (
            <List
              size="small"
              dataSource={level.eligibility}
              renderItem={(p, i) => (
                <List.Item>
                  <Space>
                    <Tag>{t('schemes.path', { n: i + 1 })}</Tag>
                    {p.text[lang]}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.components')}</Typography.Text>
          <List
            size="small"
            dataSource={level.components}
            renderItem={(c) => (
              <List.Item>
                {c.label[lang]} · {c.weight}% · ≥ {c.pass_mark}
              </List.Item>
            )}
          />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('schemes.passMark')}>{level.pass_mark}</Descriptions.Item>
            <Descriptions.Item label={t('schemes.validity')}>{t('schemes.months', { n: level.validity_months })}</Descriptions.Item>
            <Descriptions.Item label={t('schemes.allowance')}>{t('schemes.yuan', { n: level.monthly_allowance })}</Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
    </Card>
  );
}

function DiffPanel({ id, versions }: { id: number; versions: number[] }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<number | undefined>(versions.length > 1 ? versions[1] : undefined);
  const [to, setTo] = useState<number | undefined>(versions[0]);
  const diff = useSchemeDiff(id, from, to);
  const options = versions.map((v) => ({ value: v, label: `v${v}` }));
  return (
    <Card title={t('schemes.diff')} size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        {t('schemes.from')} <Select style={{ width: 100 }} value={from} onChange={setFrom} options={options} />
        {t('schemes.to')} <Select style={{ width: 100 }} value={to} onChange={setTo} options={options} />
      </Space>
      {diff.error && <ErrorState error={diff.error} />}
      {diff.data &&
        (diff.data.changes.length === 0 ? (
          <Typography.Text type="secondary">{t('schemes.noChanges')}</Typography.Text>
        ) : (
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="path"
            pagination={false}
            dataSource={diff.data.changes}
            columns={[
              { title: t('schemes.field'), dataIndex: 'path', width: 240 },
              { title: t('schemes.before'), dataIndex: 'before', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
              { title: t('schemes.after'), dataIndex: 'after', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
            ]}
          />
        ))}
    </Card>
  );
}

// Edits the TOML source in the browser; saving makes a new version (used versions never change).
function EditDialog({ id, version, code, onClose }: { id: number; version: number; code: string; onClose: (saved?: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void fetch(`/api/v1/schemes/${id}/export.toml?version=${version}`)
      .then((r) => r.text())
      .then((x) => live && setText(x));
    return () => {
      live = false;
    };
  }, [id, version]);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const s = await importScheme(text ?? '', `${code}.toml`);
      void message.success(t('schemes.imported', { version: s.version }));
      onClose(s.version);
    } catch (e) {
      setProblem(e instanceof ApiError ? e.problem : { type: '', title: String(e), status: 0, code: 'client' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('schemes.edit')} width={900} onCancel={() => onClose()} onOk={() => void save()} okText={t('schemes.saveVersion')} confirmLoading={busy} cancelText={t('common.cancel')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('schemes.editHint')}</Typography.Text>
        {problem && <Alert type="error" showIcon title={problem.title} description={<ProblemList problem={problem} />} />}
        <Input.TextArea
          data-testid="scheme-source"
          value={text ?? ''}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 16, maxRows: 28 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          spellCheck={false}
        />
      </Space>
    </Modal>
  );
}

export default function SchemePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const id = Number(useParams().id);
  const [version, setVersion] = useState<number | undefined>();
  const [editing, setEditing] = useState(false);
  const user = useUser();
  const qc = useQueryClient();
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
            <Button href={`/api/v1/schemes/${s.id}/export.toml?version=${s.version}`}>{t('schemes.export')}</Button>
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
        <EditDialog
          id={s.id}
          version={s.version}
          code={s.code}
          onClose={(saved) => {
            setEditing(false);
            if (saved) {
              setVersion(saved);
              void qc.invalidateQueries({ queryKey: ['schemes'] });
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
          {s.versions.length > 1 && <DiffPanel id={s.id} versions={s.versions.map((v) => v.version)} />}
        </Col>
      </Row>
    </Space>
  );
}
