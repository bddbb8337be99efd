import { lazy, Suspense } from 'react';
import { ConfigProvider, Grid, Layout, Menu, Button, Space, Typography, Tag } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe, UserContext, useSignOut } from './features/auth/auth';
import { Loading, ErrorState } from './features/ui';
import { setLanguage } from './i18n';
import LoginPage from './pages/LoginPage';

const SchemesPage = lazy(() => import('./pages/SchemesPage'));
const SchemePage = lazy(() => import('./pages/SchemePage'));
const EngineersPage = lazy(() => import('./pages/EngineersPage'));
const EngineerPage = lazy(() => import('./pages/EngineerPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const OrgPage = lazy(() => import('./pages/OrgPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const CyclesPage = lazy(() => import('./pages/CyclesPage'));
const CyclePage = lazy(() => import('./pages/CyclePage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));

export default function App() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const location = useLocation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  const wide = Grid.useBreakpoint().lg ?? true;

  let body;
  if (me.isLoading) body = <Loading />;
  else if (me.error) body = <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  else if (!me.data) body = <LoginPage />;
  else {
    const user = me.data;
    const isEngineerOnly = user.roles.length === 1 && user.roles[0] === 'engineer';
    const items = [
      { key: '/schemes', label: <Link to="/schemes">{t('nav.schemes')}</Link> },
      isEngineerOnly
        ? user.engineer_id && { key: '/engineers', label: <Link to={`/engineers/${user.engineer_id}`}>{t('nav.me')}</Link> }
        : { key: '/engineers', label: <Link to="/engineers">{t('nav.engineers')}</Link> },
      { key: '/cycles', label: <Link to="/cycles">{t('nav.cycles')}</Link> },
      hasRole(user, 'admin', 'hr') && { key: '/calendar', label: <Link to="/calendar">{t('nav.calendar')}</Link> },
      !isEngineerOnly && { key: '/org', label: <Link to="/org">{t('nav.org')}</Link> },
      hasRole(user, 'admin') && { key: '/users', label: <Link to="/users">{t('nav.users')}</Link> },
      hasRole(user, 'admin', 'auditor') && { key: '/audit', label: <Link to="/audit">{t('nav.audit')}</Link> },
    ].filter(Boolean) as { key: string; label: React.ReactNode }[];
    const selected = items.find((i) => location.pathname.startsWith(i.key))?.key ?? '/schemes';
    const home = isEngineerOnly && user.engineer_id ? `/engineers/${user.engineer_id}` : '/schemes';
    body = (
      <UserContext.Provider value={user}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
            <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
              {wide ? `skillgrade · ${t('app.name')}` : 'skillgrade'}
            </Typography.Text>
            <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} style={{ flex: 1, minWidth: 0 }} />
            <Space>
              <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
                {user.display_name}
              </Typography.Text>
              {wide &&
                user.roles.map((r) => (
                  <Tag key={r}>{t(`roles.${r}`)}</Tag>
                ))}
              <Button size="small" onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
                {t('nav.language')}
              </Button>
              <Button size="small" onClick={() => void signOut()}>
                {t('nav.logout')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Navigate to={home} replace />} />
                <Route path="/schemes" element={<SchemesPage />} />
                <Route path="/schemes/:id" element={<SchemePage />} />
                <Route path="/engineers" element={<EngineersPage />} />
                <Route path="/engineers/:id" element={<EngineerPage />} />
                <Route path="/calendar" element={<CalendarPage />} />
                <Route path="/audit" element={<AuditPage />} />
                <Route path="/org" element={<OrgPage />} />
                <Route path="/users" element={<UsersPage />} />
                <Route path="/cycles" element={<CyclesPage />} />
                <Route path="/cycles/:id" element={<CyclePage />} />
                <Route path="*" element={<Navigate to={home} replace />} />
              </Routes>
            </Suspense>
          </Layout.Content>
        </Layout>
      </UserContext.Provider>
    );
  }
  return <ConfigProvider locale={locale}>{body}</ConfigProvider>;
}
