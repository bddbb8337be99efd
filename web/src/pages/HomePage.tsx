// 工作台: what waits for each role. HR — cycles in progress with their phase, overdue phases, reviews,
// appeals and missing decisions, certificates running out; examiner — scores left by cycle and
// component; committee — votes left; manager — the team by level; auditor — the latest records and
// the chain check. Engineers land on their own profile instead.
import { Badge, Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { hasRole, useUser } from '../features/auth/auth';
import { ErrorState, Loading } from '../features/ui';
import { formatTime } from '../features/format';
import { useLevelLabels } from './EngineersPage';

type CycleWork = Schemas['Home']['cycles'][number];

function CycleCard({ w, show }: { w: CycleWork; show: { hr: boolean; examiner: boolean; committee: boolean } }) {
  const { t } = useTranslation();
  const apps = w.applications ?? {};
  const total = Object.values(apps).reduce((n, x) => n + x, 0);
  const facts: { key: string; label: string; value: number; warn?: boolean }[] = [];
  if (show.hr) {
    facts.push({ key: 'applications', label: t('home.applications'), value: total });
    if (w.status === 'eligibility_review') facts.push({ key: 'review', label: t('home.toReview'), value: apps.submitted ?? 0, warn: (apps.submitted ?? 0) > 0 });
    if (w.open_appeals) facts.push({ key: 'appeals', label: t('home.openAppeals'), value: w.open_appeals, warn: true });
    if (w.undecided) facts.push({ key: 'undecided', label: t('home.undecided'), value: w.undecided, warn: true });
  }
  if (show.hr || show.examiner)
    for (const [kind, n] of Object.entries(w.scores_left ?? {})) facts.push({ key: `left-${kind}`, label: t('home.scoresLeft', { component: t(`components.${kind}`) }), value: n, warn: n > 0 });
  if (show.committee && w.status === 'committee_review') facts.push({ key: 'votes', label: t('home.votesLeft'), value: w.awaiting_my_vote, warn: w.awaiting_my_vote > 0 });
  return (
    <Card
      size="small"
      data-testid={`home-cycle-${w.id}`}
      title={
        <Space wrap>
          <Link to={`/cycles/${w.id}`}>{w.name}</Link>
          <Tag color="blue">{t(`cycles.statuses.${w.status}`)}</Tag>
          {w.overdue && <Tag color="red">{t('cycles.overdue')}</Tag>}
        </Space>
      }
    >
      {w.phase && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('home.phaseDates', { from: w.phase.starts_on, to: w.phase.ends_on })}
          {w.status === 'public_notice' && w.notice_ends_on ? ` · ${t('notice.until', { day: w.notice_ends_on })}` : ''}
        </Typography.Paragraph>
      )}
      <Space wrap size="large">
        {facts.map((f) => (
          <Statistic key={f.key} title={f.label} value={f.value} valueStyle={f.warn ? { color: '#d46b08' } : undefined} />
        ))}
      </Space>
    </Card>
  );
}

function Team({ team }: { team: { rank: number; count: number }[] }) {
  const { t } = useTranslation();
  const levels = useLevelLabels();
  return (
    <Card title={t('home.team')} extra={<Link to="/engineers">{t('nav.engineers')}</Link>} data-testid="home-team">
      <Space wrap size="large">
        {team.map((x) => (
          <Link key={x.rank} to={`/engineers?rank=${x.rank}&status=active`}>
            <Statistic title={x.rank ? levels.get(x.rank) ?? x.rank : t('engineers.noLevel')} value={x.count} />
          </Link>
        ))}
      </Space>
    </Card>
  );
}

function RecentAudit() {
  const { t } = useTranslation();
  const recent = useQuery({ queryKey: ['audit', 'recent'], queryFn: async () => unwrap(await api.GET('/api/v1/audit', { params: { query: { page_size: 8 } } })) });
  return (
    <Card title={t('home.recentAudit')} extra={<Link to="/audit">{t('nav.audit')}</Link>} data-testid="home-audit">
      <List
        size="small"
        loading={recent.isLoading}
        dataSource={recent.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text type="secondary">{formatTime(r.at)}</Typography.Text>&nbsp;{r.actor} · {t(`audit.actions.${r.action.replace('.', '_')}`, { defaultValue: r.action })}
          </List.Item>
        )}
      />
      <Link to="/audit">
        <Button style={{ marginTop: 8 }}>{t('audit.verify')}</Button>
      </Link>
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const home = useQuery({ queryKey: ['home'], queryFn: async () => unwrap(await api.GET('/api/v1/home')) });
  if (home.isLoading) return <Loading />;
  if (home.error) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  const h = home.data!;
  const show = { hr: hasRole(user, 'admin', 'hr'), examiner: hasRole(user, 'examiner'), committee: hasRole(user, 'committee') };
  const cycles = h.cycles ?? [];
  const working = show.hr || show.examiner || show.committee;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="home">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.title', { name: user.display_name })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {h.expiring_certificates !== undefined && (
          <Col xs={24} sm={12} lg={6}>
            <Card size="small">
              <Link to="/cycles">
                <Statistic title={t('home.expiring')} value={h.expiring_certificates} prefix={<Badge status={h.expiring_certificates ? 'warning' : 'success'} />} />
              </Link>
            </Card>
          </Col>
        )}
        {show.hr && (
          <Col xs={24} sm={12} lg={6}>
            <Card size="small">
              <Statistic title={t('home.overdue')} value={cycles.filter((c) => c.overdue).length} valueStyle={cycles.some((c) => c.overdue) ? { color: '#cf1322' } : undefined} />
            </Card>
          </Col>
        )}
      </Row>
      {working && (
        <Card title={t('home.cycles')} extra={<Link to="/cycles">{t('nav.cycles')}</Link>}>
          {cycles.length === 0 ? (
            <Empty description={t(show.hr ? 'home.noCycles' : show.examiner ? 'home.noScoring' : 'home.noVoting')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              {cycles.map((w) => (
                <CycleCard key={w.id} w={w} show={show} />
              ))}
            </Space>
          )}
        </Card>
      )}
      {h.team && <Team team={h.team} />}
      {hasRole(user, 'auditor', 'admin') && <RecentAudit />}
      {user.engineer_id && (
        <Link to={`/engineers/${user.engineer_id}`}>
          <Button>{t('nav.me')}</Button>
        </Link>
      )}
    </Space>
  );
}
