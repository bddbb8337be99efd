// HR's handling of a cycle's appeals: the list, and resolving one (uphold, or amend one score and
// re-evaluate), with the score the amendment replaces shown beside it.
import { useState } from 'react';
import { Button, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import { EmptyState } from '../ui';
import { formatScore, formatTime } from '../format';
import { useScores, type Cycle } from '../cycles/api';
import { resolveAppeal, useAppeals } from './api';

const COMPONENTS = ['written', 'practical', 'interview', 'performance', 'review'] as const;

export default function AppealList({ cycle, levels }: { cycle: Cycle; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const appeals = useAppeals(cycle.id);
  const [resolving, setResolving] = useState<{ id: number; decision: 'uphold' | 'amend'; note: string; component: string; score: number | null } | null>(null);
  const run = useAction(['cycles']);
  const resolvingAppeal = resolving ? appeals.data?.items.find((a) => a.id === resolving.id) : undefined;
  // The appealed application's line of the score sheet, found by its employee number and level (not the whole sheet).
  const scores = useScores(cycle.id, { page: 1, page_size: 200, q: resolvingAppeal?.employee_no, target_rank: resolvingAppeal?.target_rank }, !!resolvingAppeal);
  const line = resolvingAppeal ? scores.data?.items.find((x) => x.application_id === resolvingAppeal.application_id) : undefined;
  const current = resolving ? line?.scores.find((x) => x.component === resolving.component) : undefined;
  return (
    <>
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
      <Modal
        open={!!resolving}
        title={t('notice.resolve')}
        onCancel={() => setResolving(null)}
        okButtonProps={{ disabled: !resolving?.note.trim() || (resolving?.decision === 'amend' && resolving.score === null) }}
        onOk={() => {
          const r = resolving!;
          setResolving(null);
          void run(async () => {
            await resolveAppeal(r.id, { decision: r.decision, note: r.note, ...(r.decision === 'amend' ? { component: r.component, score: r.score } : {}) });
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
    </>
  );
}
