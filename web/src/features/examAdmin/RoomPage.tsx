// A sitting's room (考场) as its proctors and HR watch it, read again every 5 s while the sitting is
// open: one line per candidate with their number, where they are, how many questions they answered,
// their last save (online when within the last minute), focus losses and the flag; a candidate who has
// not submitted may get more time, with a reason. A sitting with webcam snapshots adds each
// candidate's consent and how many were taken, the pictures in a drawer. A table on a wide screen;
// cards on a tablet (two a row) and on a phone.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Grid, Input, InputNumber, Modal, Radio, Row, Col, Space, Table, Tag, Typography, message } from 'antd';
import { ClockCircleOutlined, FlagFilled, SyncOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../auth/auth';
import { useLevelLabels } from '../schemes/levels';
import { useRequired, useSubmit } from '../forms';
import { EmptyState, ErrorState, Loading } from '../ui';
import { extendTime, useRoom, useSitting, type RoomLine, type Sitting } from './api';
import { lineState, roomCounts, STATE_COLORS } from './room';
import { formatLocal, formatWindow } from './time';
import { SnapshotConsent, SnapshotsDrawer } from './SnapshotsDrawer';

const POLL_MS = 5000;
// The proctor narrows the list to who needs a look; the counts are over the whole room.
const FILTERS = ['total', 'waiting', 'answering', 'submitted', 'online', 'flagged'] as const;
type Filter = (typeof FILTERS)[number];
const shows = (f: Filter, st: ReturnType<typeof lineState>) => f === 'total' || (f === 'online' ? st.online : f === 'flagged' ? st.flagged : st.status === f);

export default function RoomPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const id = Number(useParams().id);
  const levels = useLevelLabels();
  const user = useUser();
  const sitting = useSitting(id, true);
  const s = sitting.data;
  const open = s?.state === 'open';
  const room = useRoom(id, open ? POLL_MS : s?.state === 'scheduled' ? 30_000 : false, !!s);
  const [extending, setExtending] = useState<RoomLine | null>(null);
  const [viewing, setViewing] = useState<RoomLine | null>(null);
  const [filter, setFilter] = useState<Filter>('total');
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const tableView = screens.lg ?? true;

  if (sitting.isLoading) return <Loading />;
  if (sitting.error) return <ErrorState error={sitting.error} onRetry={() => void sitting.refetch()} />;
  const now = room.dataUpdatedAt || Date.now();
  const all = room.data?.items ?? [];
  const counts = roomCounts(all, now);
  const lines = all.filter((l) => shows(filter, lineState(l, now)));
  const closed = s!.state === 'closed';
  const snapshots = s!.snapshots ?? 0;
  const refresh = (
    <Typography.Text type="secondary" data-testid="room-refresh" style={wide ? undefined : { display: 'block', marginTop: 8 }}>
      {open && <SyncOutlined spin={room.isFetching} />} {t(open ? 'examAdmin.live' : 'examAdmin.notLive')} · {t('examAdmin.updatedAt', { time: formatLocal(new Date(now).toISOString(), 'HH:mm:ss') })}
    </Typography.Text>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="room">
      <Card
        title={
          <Space wrap size={8}>
            <Link to={`/cycles/${s!.cycle_id}`}>{t('common.back')}</Link>
            <span data-testid="room-title" style={{ whiteSpace: 'normal' }}>
              {s!.name}
            </span>
            <Tag color={STATE_COLORS[s!.state ?? 'scheduled']} data-testid="room-state">
              {t(`examAdmin.states.${s!.state ?? 'scheduled'}`)}
            </Tag>
            {hasRole(user, 'admin', 'hr') && (
              <Link to={`/sittings/${id}/analysis`} data-testid="room-analysis">
                {t('itemAnalysis.open')}
              </Link>
            )}
          </Space>
        }
        extra={wide && refresh}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={details(s!, levels, t)} />
        {(s!.problems ?? []).map((p, i) => (
          <Alert key={i} type="warning" showIcon style={{ marginTop: 8 }} title={p[lang] || p.zh} data-testid="room-problem" />
        ))}
        {!wide && refresh}
      </Card>
      <Radio.Group
        optionType="button"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        data-testid="room-filter"
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        options={FILTERS.map((k) => ({
          value: k,
          label: (
            <span data-testid={`room-count-${k}`}>
              {t(`examAdmin.counts.${k}`)} <b style={k === 'flagged' && counts.flagged && filter !== k ? { color: '#cf1322' } : undefined}>{counts[k]}</b>
            </span>
          ),
        }))}
      />
      {room.error ? (
        <ErrorState error={room.error} onRetry={() => void room.refetch()} />
      ) : tableView ? (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<RoomLine>
            size="middle"
            rowKey="application_id"
            scroll={{ x: 'max-content' }}
            loading={room.isLoading}
            dataSource={lines}
            pagination={false}
            locale={{ emptyText: <EmptyState /> }}
            data-testid="room-table"
            onRow={(l) => ({ 'data-testid': `line-${l.candidate_no}`, style: l.attempt?.flagged ? { background: '#fff1f0' } : undefined }) as never}
            columns={[
              { title: t('examAdmin.candidateNo'), dataIndex: 'candidate_no', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
              {
                title: t('engineers.name'),
                render: (_, l) => (
                  <>
                    <div>{l.engineer_name}</div>
                    <Typography.Text type="secondary">{l.employee_no}</Typography.Text>
                  </>
                ),
              },
              { title: t('examAdmin.attemptStatus'), render: (_, l) => <StatusTags line={l} now={now} closed={closed} /> },
              { title: t('examAdmin.answered'), dataIndex: 'answered', align: 'right' },
              { title: t('examAdmin.lastSave'), render: (_, l) => <LastSave line={l} now={now} /> },
              { title: t('examAdmin.focusLosses'), render: (_, l) => <Focus line={l} /> },
              ...(snapshots > 0 ? [{ title: t('examAdmin.snapshots'), key: 'snapshots', render: (_: unknown, l: RoomLine) => <SnapshotConsent line={l} wanted={snapshots} onOpen={() => setViewing(l)} /> }] : []),
              { title: t('examAdmin.deadline'), render: (_, l) => <Deadline line={l} /> },
              {
                title: '',
                render: (_, l) =>
                  lineState(l, now, closed).extendable && (
                    <Button size="small" icon={<ClockCircleOutlined />} onClick={() => setExtending(l)} data-testid={`extend-${l.candidate_no}`}>
                      {t('examAdmin.extend')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      ) : room.isLoading ? (
        <Loading />
      ) : lines.length === 0 ? (
        <Card>
          <EmptyState />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {lines.map((l) => (
            <Col key={l.application_id} xs={24} md={12}>
              <LineCard line={l} now={now} closed={closed} snapshots={snapshots} onExtend={() => setExtending(l)} onSnapshots={() => setViewing(l)} />
            </Col>
          ))}
        </Row>
      )}
      <ExtendDialog sittingId={id} line={extending} onClose={() => setExtending(null)} />
      <SnapshotsDrawer line={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}

// One candidate on a tablet or a phone.
function LineCard({ line: l, now, closed, snapshots, onExtend, onSnapshots }: { line: RoomLine; now: number; closed: boolean; snapshots: number; onExtend: () => void; onSnapshots: () => void }) {
  const { t } = useTranslation();
  return (
    <Card style={{ height: '100%', ...(l.attempt?.flagged ? { borderColor: '#ff4d4f', background: '#fff1f0' } : {}) }} size="small" data-testid={`line-${l.candidate_no}`}>
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{l.candidate_no}</Typography.Text> {l.engineer_name}
          <div>
            <Typography.Text type="secondary">{l.employee_no}</Typography.Text>
          </div>
        </div>
        <StatusTags line={l} now={now} closed={closed} />
      </Flex>
      <Flex wrap gap="4px 16px" style={{ marginTop: 8 }}>
        <span>
          {t('examAdmin.answered')}: {l.answered ?? 0}
        </span>
        <span>
          {t('examAdmin.lastSave')}: <LastSave line={l} now={now} />
        </span>
        <span>
          {t('examAdmin.focusLosses')}: <Focus line={l} />
        </span>
        {l.attempt?.status === 'in_progress' && (
          <span>
            {t('examAdmin.deadline')}: <Deadline line={l} />
          </span>
        )}
        {l.attempt?.status === 'submitted' && <Deadline line={l} />}
        {snapshots > 0 && l.attempt && (
          <span>
            {t('examAdmin.snapshots')}: <SnapshotConsent line={l} wanted={snapshots} onOpen={onSnapshots} />
          </span>
        )}
      </Flex>
      {lineState(l, now, closed).extendable && (
        <Button block size="small" icon={<ClockCircleOutlined />} style={{ marginTop: 8 }} onClick={onExtend} data-testid={`extend-${l.candidate_no}`}>
          {t('examAdmin.extend')}
        </Button>
      )}
    </Card>
  );
}

function details(s: Sitting, levels: Map<number, string>, t: (k: string, o?: Record<string, unknown>) => string) {
  return [
    { key: 'level', label: t('examAdmin.level'), children: levels.get(s.target_rank ?? 0) ?? s.target_rank },
    { key: 'window', label: t('examAdmin.window'), children: formatWindow(s.opens_at, s.closes_at) },
    { key: 'duration', label: t('examAdmin.duration'), children: t('examAdmin.durationShort', { n: s.duration_minutes }) },
    { key: 'place', label: t('examAdmin.place'), children: s.room || t('examAdmin.places.remote') },
    { key: 'seats', label: t('examAdmin.candidates'), children: t('examAdmin.seats', { n: s.candidates ?? 0, capacity: s.capacity }) },
    {
      key: 'focus',
      label: t('examAdmin.focusRule'),
      children: s.focus_limit ? t(`examAdmin.focusRules.${s.focus_action ?? 'flag'}`, { n: s.focus_limit }) : t('examAdmin.focusNoLimit'),
    },
    ...(s.snapshots ? [{ key: 'snapshots', label: t('examAdmin.snapshots'), children: t('examAdmin.snapshotRule', { count: s.snapshots }) }] : []),
  ];
}

function StatusTags({ line, now, closed }: { line: RoomLine; now: number; closed: boolean }) {
  const { t } = useTranslation();
  const st = lineState(line, now, closed);
  const by = line.attempt?.submitted_by;
  return (
    <Space size={4} wrap data-testid="line-status">
      <Tag color={st.status === 'answering' ? 'processing' : st.status === 'submitted' ? 'success' : 'default'}>{t(`examAdmin.statuses.${st.status}`)}</Tag>
      {st.status === 'submitted' && by && by !== 'candidate' && <Tag>{t(`examAdmin.submittedBy.${by}`)}</Tag>}
      {st.flagged && (
        <Tag color="error" icon={<FlagFilled />} data-testid="line-flagged">
          {t('examAdmin.flagged')}
        </Tag>
      )}
      {(line.extra_minutes ?? 0) > 0 && <Tag color="gold">{t('examAdmin.extraMinutes', { n: line.extra_minutes })}</Tag>}
    </Space>
  );
}

function LastSave({ line, now }: { line: RoomLine; now: number }) {
  const { t } = useTranslation();
  const st = lineState(line, now);
  if (!line.last_save) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4}>
      <span>{formatLocal(line.last_save, 'HH:mm:ss')}</span>
      {st.online && <Tag color="green">{t('examAdmin.online')}</Tag>}
      {st.idleMinutes !== null && <Tag color="orange">{t('examAdmin.idle', { count: st.idleMinutes })}</Tag>}
    </Space>
  );
}

function Focus({ line }: { line: RoomLine }) {
  const { t } = useTranslation();
  const a = line.attempt;
  if (!a) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span>{t('examAdmin.focusCount', { count: a.focus_losses ?? 0, seconds: a.focus_seconds ?? 0 })}</span>;
}

// The deadline while answering; the time of submitting after.
function Deadline({ line }: { line: RoomLine }) {
  const { t } = useTranslation();
  const a = line.attempt;
  if (!a) return <Typography.Text type="secondary">—</Typography.Text>;
  if (a.status === 'submitted') return <Typography.Text type="secondary">{t('examAdmin.submittedAt', { time: formatLocal(a.submitted_at, 'HH:mm') })}</Typography.Text>;
  return <span>{formatLocal(a.deadline, 'HH:mm')}</span>;
}

type ExtendValues = { minutes: number; reason: string };

// More time for one candidate: minutes and a reason (both required, audited); the deadline moves at once.
function ExtendDialog({ sittingId, line, onClose }: { sittingId: number; line: RoomLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const required = useRequired();
  const [form] = Form.useForm<ExtendValues>();
  const reason = Form.useWatch('reason', form);
  const { busy, submit } = useSubmit<ExtendValues>(form, async (v) => {
    const room = await extendTime(sittingId, line!.application_id!, v.minutes, v.reason.trim());
    qc.setQueryData(['examAdmin', 'sitting', sittingId, 'room'], room);
    void message.success(t('examAdmin.extended', { name: line!.engineer_name, n: v.minutes }));
    form.resetFields();
    onClose();
  });
  return (
    <Modal
      open={!!line}
      title={line ? t('examAdmin.extendTitle', { name: line.engineer_name, no: line.candidate_no }) : ''}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('examAdmin.extendConfirm')}
      okButtonProps={{ disabled: !reason?.trim(), 'data-testid': 'extend-ok' } as never}
      confirmLoading={busy}
      cancelText={t('common.cancel')}
      forceRender
      data-testid="extend-dialog"
    >
      <Typography.Paragraph type="secondary">{t('examAdmin.extendHint')}</Typography.Paragraph>
      <Form<ExtendValues> form={form} layout="vertical" initialValues={{ minutes: 10, reason: '' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="minutes" label={t('examAdmin.extendMinutes')} rules={required(t('examAdmin.extendMinutes'))}>
          <InputNumber min={1} max={120} precision={0} suffix={t('examAdmin.minutes')} style={{ width: 200 }} data-testid="extend-minutes" />
        </Form.Item>
        <Form.Item name="reason" label={t('examAdmin.extendReason')} rules={required(t('examAdmin.extendReason'))}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('examAdmin.extendReasonPlaceholder')} data-testid="extend-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
