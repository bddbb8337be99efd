// The cycle's online written exam (笔试): for HR, the blueprint of each open level (what the bank
// lacks now, how many papers were drawn) and the sittings with their proctors, candidates, state and
// what keeps them from being ready; for an examiner, the sittings they proctor. Every sitting leads
// to its room. Tables from a tablet up, cards on a phone.
import { useState } from 'react';
import { Button, Card, Flex, Grid, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../auth/auth';
import type { Cycle } from '../cycles/api';
import { EmptyState, ErrorState, Loading } from '../ui';
import { formatPoints, useBlueprints, useSittings, type Blueprint, type Sitting } from './api';
import BlueprintDrawer from './BlueprintDrawer';
import CandidatesDialog from './CandidatesDialog';
import ProctorsDialog from './ProctorsDialog';
import SittingDrawer from './SittingDrawer';
import MarkingSection from '../marking/MarkingSection';
import { STATE_COLORS } from './room';
import { formatWindow } from './time';

type LevelRow = { rank: number; blueprint?: Blueprint };

export default function WrittenExam({ cycle, levels }: { cycle: Cycle; levels: Map<number, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const user = useUser();
  const navigate = useNavigate();
  const wide = Grid.useBreakpoint().md ?? true;
  const manage = hasRole(user, 'admin', 'hr');
  const editable = manage && cycle.status !== 'closed';
  const blueprints = useBlueprints(cycle.id, manage);
  const sittings = useSittings(cycle.id, true);
  const [editing, setEditing] = useState<{ rank: number } | null>(null);
  const [sitting, setSitting] = useState<{ sitting?: Sitting; blueprintId?: number } | null>(null);
  const [proctors, setProctors] = useState<Sitting | null>(null);
  const [candidates, setCandidates] = useState<Sitting | null>(null);
  const level = (rank: number | undefined) => (rank === undefined ? '—' : (levels.get(rank) ?? String(rank)));
  // An examiner sees the section only for the sittings they proctor.
  if (!manage && !sittings.data?.items?.length) return null;

  const byRank = new Map((blueprints.data?.items ?? []).map((b) => [b.target_rank, b]));
  const rows: LevelRow[] = cycle.open_ranks.map((rank) => ({ rank, blueprint: byRank.get(rank) }));
  const made = blueprints.data?.items ?? [];
  // The sitting as the list has it now (a dialog opened on it follows its changes).
  const current = (s: Sitting | null) => (s ? (sittings.data?.items?.find((x) => x.id === s.id) ?? s) : null);

  // ---- what a level's row and a sitting's row show, in a table or on a card ----
  const paper = (b: Blueprint | undefined) =>
    b ? (
      t('examAdmin.paperSummary', { sections: b.sections.length, questions: b.sections.reduce((n, s) => n + s.count, 0), points: formatPoints(b.total_points), minutes: b.duration_minutes })
    ) : (
      <Typography.Text type="secondary">{t('examAdmin.noBlueprint')}</Typography.Text>
    );
  const bank = (b: Blueprint | undefined) =>
    !b ? (
      '—'
    ) : b.shortfalls?.length ? (
      <div style={{ maxWidth: 380, whiteSpace: 'normal' }} data-testid={`blueprint-${b.target_rank}-shortfalls`}>
        {b.shortfalls.map((s, i) => (
          <div key={i}>
            <Typography.Text type="warning">
              <WarningOutlined /> {s.message?.[lang] || s.message?.zh}
            </Typography.Text>
          </div>
        ))}
      </div>
    ) : (
      <Tag color="green">{t('examAdmin.bankOk')}</Tag>
    );
  const levelActions = (r: LevelRow) => (
    <Space wrap size={4}>
      {r.blueprint ? (
        <Button size="small" onClick={() => setEditing({ rank: r.rank })} data-testid={`blueprint-${r.rank}-edit`}>
          {t(editable && !r.blueprint.papers ? 'examAdmin.edit' : 'examAdmin.view')}
        </Button>
      ) : (
        editable && (
          <Button size="small" type="primary" onClick={() => setEditing({ rank: r.rank })} data-testid={`blueprint-${r.rank}-create`}>
            {t('examAdmin.setUp')}
          </Button>
        )
      )}
      {r.blueprint && editable && (
        <Button size="small" onClick={() => setSitting({ blueprintId: r.blueprint!.id })} data-testid={`blueprint-${r.rank}-sitting`}>
          {t('examAdmin.createSitting')}
        </Button>
      )}
    </Space>
  );
  const name = (s: Sitting) => (
    <Space size={4} wrap>
      <span>{s.name}</span>
      {s.kind === 'resit' && <Tag color="purple">{t('examAdmin.kinds.resit')}</Tag>}
    </Space>
  );
  const windowOf = (s: Sitting) => (
    <>
      <div>{formatWindow(s.opens_at, s.closes_at)}</div>
      <Typography.Text type="secondary">{t('examAdmin.durationShort', { n: s.duration_minutes })}</Typography.Text>
    </>
  );
  const place = (s: Sitting) => s.room || t('examAdmin.places.remote');
  const seats = (s: Sitting) => t('examAdmin.seats', { n: s.candidates ?? 0, capacity: s.capacity });
  const stateTag = (s: Sitting) => (
    <Tag color={STATE_COLORS[s.state ?? 'scheduled']} data-testid="sitting-state">
      {t(`examAdmin.states.${s.state ?? 'scheduled'}`)}
    </Tag>
  );
  const readiness = (s: Sitting) =>
    s.problems?.length
      ? s.problems.map((p, i) => (
          <div key={i} data-testid="sitting-problem">
            <Typography.Text type="warning">
              <WarningOutlined /> {p[lang] || p.zh}
            </Typography.Text>
          </div>
        ))
      : s.state !== 'closed' && <Tag color="green">{t('examAdmin.ready')}</Tag>;
  const sittingActions = (s: Sitting) => (
    <Space wrap size={4}>
      {editable && (
        <>
          <Button size="small" onClick={() => setSitting({ sitting: s })} data-testid="sitting-edit">
            {t('examAdmin.edit')}
          </Button>
          <Button size="small" onClick={() => setProctors(s)} data-testid="sitting-proctors">
            {t('examAdmin.proctors')}
          </Button>
        </>
      )}
      {manage && (
        <Button size="small" onClick={() => setCandidates(s)} data-testid="sitting-candidates">
          {t('examAdmin.candidates')}
        </Button>
      )}
      <Button size="small" type="primary" ghost onClick={() => navigate(`/sittings/${s.id}/room`)} data-testid="sitting-room">
        {t('examAdmin.openRoom')}
      </Button>
      {manage && (
        <Button size="small" onClick={() => navigate(`/sittings/${s.id}/analysis`)} data-testid="sitting-analysis">
          {t('itemAnalysis.open')}
        </Button>
      )}
    </Space>
  );
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {value}
    </div>
  );

  const levelList = wide ? (
    <Table<LevelRow>
      size="small"
      rowKey="rank"
      scroll={{ x: 'max-content' }}
      loading={blueprints.isLoading}
      dataSource={rows}
      pagination={false}
      data-testid="blueprints-table"
      onRow={(r) => ({ 'data-testid': `blueprint-${r.rank}` }) as never}
      columns={[
        { title: t('examAdmin.level'), render: (_, r) => level(r.rank) },
        { title: t('examAdmin.paper'), render: (_, r) => paper(r.blueprint) },
        { title: t('examAdmin.passMark'), render: (_, r) => (r.blueprint ? formatPoints(r.blueprint.pass_mark) : '—') },
        { title: t('examAdmin.papers'), render: (_, r) => (r.blueprint ? (r.blueprint.papers ?? 0) : '—') },
        { title: t('examAdmin.bank'), render: (_, r) => bank(r.blueprint) },
        { title: '', render: (_, r) => levelActions(r) },
      ]}
    />
  ) : blueprints.isLoading ? (
    <Loading />
  ) : (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="blueprints-table">
      {rows.map((r) => (
        <Card key={r.rank} size="small" title={level(r.rank)} data-testid={`blueprint-${r.rank}`}>
          <div>{paper(r.blueprint)}</div>
          {r.blueprint && (
            <>
              {fact(t('examAdmin.passMark'), formatPoints(r.blueprint.pass_mark))}
              {fact(t('examAdmin.papers'), r.blueprint.papers ?? 0)}
              <div style={{ margin: '4px 0' }}>{bank(r.blueprint)}</div>
            </>
          )}
          <div style={{ marginTop: 8 }}>{levelActions(r)}</div>
        </Card>
      ))}
    </Space>
  );

  const sittingList = wide ? (
    <Table<Sitting>
      style={{ marginTop: 12 }}
      size="small"
      rowKey="id"
      scroll={{ x: 'max-content' }}
      loading={sittings.isLoading}
      dataSource={sittings.data?.items}
      pagination={false}
      locale={{ emptyText: <EmptyState /> }}
      data-testid="sittings-table"
      onRow={(s) => ({ 'data-testid': `sitting-${s.id}` }) as never}
      columns={[
        { title: t('examAdmin.sittingName'), render: (_, s) => name(s) },
        { title: t('examAdmin.level'), render: (_, s) => level(s.target_rank) },
        { title: t('examAdmin.window'), render: (_, s) => windowOf(s) },
        { title: t('examAdmin.place'), render: (_, s) => place(s) },
        { title: t('examAdmin.candidates'), render: (_, s) => seats(s) },
        { title: t('examAdmin.proctors'), render: (_, s) => s.proctors?.length ?? 0 },
        {
          title: t('examAdmin.state'),
          render: (_, s) => (
            <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
              {stateTag(s)}
              {readiness(s)}
            </div>
          ),
        },
        { title: '', render: (_, s) => sittingActions(s) },
      ]}
    />
  ) : sittings.isLoading ? (
    <Loading />
  ) : !sittings.data?.items?.length ? (
    <EmptyState />
  ) : (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="sittings-table">
      {sittings.data.items.map((s) => (
        <Card key={s.id} size="small" title={name(s)} extra={stateTag(s)} data-testid={`sitting-${s.id}`}>
          {fact(t('examAdmin.level'), level(s.target_rank))}
          {fact(t('examAdmin.window'), formatWindow(s.opens_at, s.closes_at))}
          {fact(t('examAdmin.duration'), t('examAdmin.durationShort', { n: s.duration_minutes }))}
          <Flex wrap gap="0 16px">
            {fact(t('examAdmin.place'), place(s))}
            {fact(t('examAdmin.candidates'), seats(s))}
            {fact(t('examAdmin.proctors'), s.proctors?.length ?? 0)}
          </Flex>
          <div style={{ margin: '4px 0 8px' }}>{readiness(s)}</div>
          {sittingActions(s)}
        </Card>
      ))}
    </Space>
  );

  return (
    <Card title={t('examAdmin.title')} data-testid="written-exam">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {manage && (
          <div>
            <Typography.Title level={5}>{t('examAdmin.blueprints')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('examAdmin.blueprintsHint')}</Typography.Paragraph>
            {blueprints.error ? <ErrorState error={blueprints.error} onRetry={() => void blueprints.refetch()} /> : levelList}
          </div>
        )}
        <div>
          <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('examAdmin.sittings')}
            </Typography.Title>
            {editable && (
              <Tooltip title={made.length ? undefined : t('examAdmin.blueprintFirst')}>
                <Button disabled={!made.length} onClick={() => setSitting({})} data-testid="sitting-create">
                  {t('examAdmin.createSitting')}
                </Button>
              </Tooltip>
            )}
          </Space>
          {sittings.error ? <ErrorState error={sittings.error} onRetry={() => void sittings.refetch()} /> : sittingList}
        </div>
        {manage && <MarkingSection blueprints={made} level={level} editable={editable} />}
      </Space>
      {manage && (
        <>
          <BlueprintDrawer
            open={!!editing}
            cycleId={cycle.id}
            rank={editing?.rank ?? 0}
            level={level(editing?.rank)}
            blueprint={editing ? byRank.get(editing.rank) : undefined}
            onClose={() => setEditing(null)}
          />
          <SittingDrawer open={!!sitting} sitting={sitting?.sitting} blueprintId={sitting?.blueprintId} blueprints={made} levels={levels} onClose={() => setSitting(null)} />
          <ProctorsDialog sitting={current(proctors)} onClose={() => setProctors(null)} />
          <CandidatesDialog sitting={current(candidates)} editable={editable} onClose={() => setCandidates(null)} />
        </>
      )}
    </Card>
  );
}
