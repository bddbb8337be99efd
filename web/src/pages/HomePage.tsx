// 工作台: what waits for each role. HR — cycles in progress with their phase, overdue phases, reviews,
// appeals and missing decisions, certificates running out; examiner — scores left by cycle and
// component; committee — votes left; manager — the team by level; auditor — the latest records and
// the chain check. Engineers land on their own profile instead.
import { Badge, Button, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../features/auth/auth';
import { useHome } from '../features/home/api';
import CycleCard from '../features/home/CycleCard';
import Team from '../features/home/Team';
import RecentAudit from '../features/home/RecentAudit';
import { ErrorState, Loading } from '../features/ui';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const home = useHome();
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
