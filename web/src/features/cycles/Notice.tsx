// The public notice: the published list (no scores), an engineer's appeal against their own
// result, and HR's handling of appeals (uphold, or amend one score and re-evaluate).
import { useState } from 'react';
import { useUrlPage } from '../urlState';
import { Button, Card, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { Link } from 'react-router-dom';
import type { ColumnType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useAction } from '../forms';
import { EmptyState } from '../ui';
import { useScores, type Cycle } from './api';
import { byName, formatScore, formatTime } from '../format';

const COMPONENTS = ['written', 'practical', 'interview', 'performance', 'review'] as const;

export default function Notice({ cycle, me, isHr, levels }: { cycle: Cycle; me?: number | null; isHr: boolean; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const pagination = useUrlPage('notice_page');
  const published = useQuery({
    queryKey: ['cycles', cycle.id, 'published'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/published', { params: { path: { id: cycle.id } } })),
  });
  const appeals = useQuery({
    enabled: isHr,
    queryKey: ['cycles', cycle.id, 'appeals'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/appeals', { params: { path: { id: cycle.id } } })),
  });
  const mine = useQuery({
    enabled: !!me,
    queryKey: ['cycles', cycle.id, 'applications'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/applications', { params: { path: { id: cycle.id } } })),
  });
  const [appealing, setAppealing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [resolving, setResolving] = useState<{ id: number; decision: 'uphold' | 'amend'; note: string; component: string; score: number | null } | null>(null);
  const run = useAction(['cycles']);
  const scores = useScores(cycle.id, isHr);
  const resolvingAppeal = resolving ? appeals.data?.items.find((a) => a.id === resolving.id) : undefined;
  const current = resolving && resolvingAppeal ? scores.data?.items.find((x) => x.application_id === resolvingAppeal.application_id && x.component === resolving.component) : undefined;
  const own = new Set((mine.data?.items ?? []).filter((a) => a.engineer_id === me).map((a) => a.id));
  const open = cycle.status === 'public_notice';
  // Only the fields the cycle publishes (scores are hidden unless HR chose to show them).
  type Row = NonNullable<typeof published.data>['items'][number];
  const shown = new Set(published.data?.fields ?? []);
  const all: ({ field: string } & ColumnType<Row>)[] = [
    { field: 'employee_no', title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
    { field: 'engineer_name', title: t('engineers.name'), dataIndex: 'engineer_name', sorter: (a, b) => byName(a.engineer_name ?? '', b.engineer_name ?? '') },
    { field: 'org_unit', title: t('engineers.org'), dataIndex: 'org_unit' },
    { field: 'target_rank', title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
    { field: 'outcome', title: t('notice.result'), dataIndex: 'passed', render: (p: boolean) => <Tag color={p ? 'green' : 'default'}>{p ? t('scores.passed') : t('scores.failed')}</Tag> },
    { field: 'total', title: t('scores.total'), dataIndex: 'total', render: (v: number) => formatScore(v) },
    { field: 'rank', title: t('cycles.fields.rank'), dataIndex: 'rank', render: (n: number) => n || '—' },
  ];
  const published_columns = all.filter((c) => shown.has(c.field as never)).map(({ field: _, ...c }) => c);
  return (
    <Card data-testid="notice" title={`${t('notice.title')}${cycle.notice_ends_on ? ` · ${t('notice.until', { day: cycle.notice_ends_on })}` : ''}`}>
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="application_id"
        size="small"
        dataSource={published.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        pagination={pagination}
        columns={[
          ...published_columns,
          {
            title: '',
            render: (_, r) =>
              open && own.has(r.application_id) ? (
                <Button size="small" data-testid="appeal" onClick={() => setAppealing(r.application_id)}>
                  {t('notice.appeal')}
                </Button>
              ) : null,
          },
        ]}
      />
      {isHr && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Text strong>{t('notice.appeals')}</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            dataSource={appeals.data?.items}
            locale={{ emptyText: <EmptyState /> }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('engineers.employeeNo'), dataIndex: 'employee_no', width: 110 },
              { title: t('engineers.name'), dataIndex: 'engineer_name', width: 110, render: (v: string, a) => <Link to={`/engineers/${a.engineer_id}`}>{v}</Link> },
              { title: t('cycles.target'), dataIndex: 'target_rank', render: (r: number) => levels.get(r) ?? r },
              { title: t('notice.reason'), dataIndex: 'reason' },
              { title: t('notice.filedAt'), dataIndex: 'created_at', width: 150, render: (v: string) => formatTime(v) },
              { title: t('cycles.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag>{t(`notice.statuses.${s}`)}</Tag> },
              { title: t('notice.resolution'), dataIndex: 'resolution' },
              {
                title: '',
                width: 120,
                render: (_, a) =>
                  a.status === 'open' ? (
                    <Button size="small" data-testid={`resolve-${a.id}`} onClick={() => setResolving({ id: a.id, decision: 'uphold', note: '', component: 'written', score: null })}>
                      {t('notice.resolve')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
      <Modal
        open={appealing !== null}
        title={t('notice.appeal')}
        onCancel={() => setAppealing(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => {
          const id = appealing!;
          setAppealing(null);
          void run(async () => {
            unwrap(await api.POST('/api/v1/applications/{id}/appeals', { params: { path: { id } }, body: { reason } }));
            void message.success(t('notice.appealed'));
          });
          setReason('');
        }}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Input.TextArea data-testid="appeal-reason" rows={3} placeholder={t('notice.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal
        open={!!resolving}
        title={t('notice.resolve')}
        onCancel={() => setResolving(null)}
        okButtonProps={{ disabled: !resolving?.note.trim() || (resolving?.decision === 'amend' && resolving.score === null) }}
        onOk={() => {
          const r = resolving!;
          setResolving(null);
          void run(async () => {
            unwrap(
              await api.POST('/api/v1/appeals/{id}/resolve', {
                params: { path: { id: r.id } },
                body: { decision: r.decision, note: r.note, ...(r.decision === 'amend' ? { component: r.component, score: r.score } : {}) },
              }),
            );
            void message.success(t(r.decision === 'amend' ? 'notice.amended' : 'notice.upheld'));
          });
        }}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        {resolving && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {resolvingAppeal && (
              <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="resolve-who">
                {resolvingAppeal.engineer_name}（{resolvingAppeal.employee_no}）· {levels.get(resolvingAppeal.target_rank ?? 0) ?? resolvingAppeal.target_rank}
                <br />
                <Typography.Text type="secondary">{resolvingAppeal.reason}</Typography.Text>
              </Typography.Paragraph>
            )}
            <Select
              data-testid="resolve-decision"
              style={{ width: 200 }}
              value={resolving.decision}
              onChange={(decision) => setResolving({ ...resolving, decision })}
              options={[
                { value: 'uphold', label: t('notice.uphold') },
                { value: 'amend', label: t('notice.amend') },
              ]}
            />
            {resolving.decision === 'amend' && (
              <Space>
                <Select
                  style={{ width: 180 }}
                  value={resolving.component}
                  onChange={(component) => setResolving({ ...resolving, component })}
                  options={COMPONENTS.map((c) => ({ value: c, label: t(`components.${c}`) }))}
                />
                <InputNumber data-testid="resolve-score" min={0} max={100} precision={2} value={resolving.score} onChange={(score) => setResolving({ ...resolving, score: score ?? null })} />
                <Typography.Text type="secondary" data-testid="resolve-current">
                  {t('notice.current')}: {current ? (current.absent ? t('scores.absent') : formatScore(current.score)) : '—'}
                </Typography.Text>
              </Space>
            )}
            <Input.TextArea data-testid="resolve-note" rows={3} placeholder={t('notice.noteHint')} value={resolving.note} onChange={(e) => setResolving({ ...resolving, note: e.target.value })} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
