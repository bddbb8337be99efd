import { lazy, Suspense, useState } from 'react';
import { ConfigProvider, Drawer, Grid, Layout, Menu, Button, Space, Typography, Tag } from 'antd';
import { MenuOutlined, UserOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession, UserContext, useSignOut } from './features/auth/auth';
import { RequiredStep } from './features/account/RequiredStep';
import { Loading, ErrorState } from './features/ui';
import { setLanguage } from './i18n';
import LoginPage from './pages/LoginPage';
import JobNotifier from './features/jobs/JobNotifier';

const SchemesPage = lazy(() => import('./pages/SchemesPage'));
const SchemePage = lazy(() => import('./pages/SchemePage'));
const EngineersPage = lazy(() => import('./pages/EngineersPage'));
const EngineerPage = lazy(() => import('./pages/EngineerPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const OrgPage = lazy(() => import('./pages/OrgPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const CyclesPage = lazy(() => import('./pages/CyclesPage'));
const CyclePage = lazy(() => import('./pages/CyclePage'));
const SittingRoomPage = lazy(() => import('./features/examAdmin/RoomPage'));
const ItemAnalysisPage = lazy(() => import('./pages/ItemAnalysisPage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const CoursesPage = lazy(() => import('./pages/CoursesPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const QuestionsPage = lazy(() => import('./pages/QuestionsPage'));
const ExamsPage = lazy(() => import('./pages/ExamsPage'));
const ExamPage = lazy(() => import('./pages/ExamPage'));
const ExamSlipPage = lazy(() => import('./pages/ExamSlipPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const WrongQuestionsPage = lazy(() => import('./pages/WrongQuestionsPage'));
const MarkingPage = lazy(() => import('./pages/MarkingPage'));

export default function App() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  const wide = Grid.useBreakpoint().lg ?? true;
  const [menuOpen, setMenuOpen] = useState(false);

  let body;
  if (session.isLoading) body = <Loading />;
  else if (session.error) body = <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  else if (!session.data) body = <LoginPage />;
  // The server answers only the account routes until the required step is done: show nothing else.
  else if (session.data.must_change_password || session.data.mfa_enrolment_required) body = <RequiredStep session={session.data} />;
  else {
    const user = session.data.user;
    const isEngineerOnly = user.roles.length === 1 && user.roles[0] === 'engineer';
    const items = [
      !isEngineerOnly && { key: '/home', label: <Link to="/home">{t('home.nav')}</Link> },
      { key: '/schemes', label: <Link to="/schemes">{t('nav.schemes')}</Link> },
      isEngineerOnly
        ? user.engineer_id && { key: '/engineers', label: <Link to={`/engineers/${user.engineer_id}`}>{t('nav.me')}</Link> }
        : { key: '/engineers', label: <Link to="/engineers">{t('nav.engineers')}</Link> },
      { key: '/cycles', label: <Link to="/cycles">{t('nav.cycles')}</Link> },
      hasRole(user, 'engineer') && { key: '/exams', label: <Link to="/exams">{t('exam.nav')}</Link> },
      hasRole(user, 'admin', 'hr', 'examiner', 'auditor') && { key: '/questions', label: <Link to="/questions">{t('nav.questions')}</Link> },
      hasRole(user, 'admin', 'hr', 'examiner') && { key: '/marking', label: <Link to="/marking">{t('marking.nav')}</Link> },
      hasRole(user, 'admin', 'hr') && { key: '/calendar', label: <Link to="/calendar">{t('nav.calendar')}</Link> },
      !isEngineerOnly && { key: '/org', label: <Link to="/org">{t('nav.org')}</Link> },
      hasRole(user, 'admin') && { key: '/users', label: <Link to="/users">{t('nav.users')}</Link> },
      hasRole(user, 'admin', 'auditor') && { key: '/audit', label: <Link to="/audit">{t('nav.audit')}</Link> },
      // On a phone the header shows only an icon for the account: the menu names it too.
      !wide && { key: '/account', label: <Link to="/account">{t('nav.account')}</Link> },
    ].filter(Boolean) as { key: string; label: React.ReactNode }[];
    const selected = items.find((i) => location.pathname.startsWith(i.key))?.key ?? '';
    const home = isEngineerOnly && user.engineer_id ? `/engineers/${user.engineer_id}` : '/home';
    body = (
      <UserContext.Provider value={user}>
        <JobNotifier enabled={!isEngineerOnly} />
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
            <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
              {wide ? `skillgrade · ${t('app.name')}` : 'skillgrade'}
            </Typography.Text>
            {wide ? (
              <Menu theme="dark" mode="horizontal" selectedKeys={selected ? [selected] : []} items={items} style={{ flex: 1, minWidth: 0 }} />
            ) : (
              // On a phone the menu is a drawer: a horizontal menu there shrinks to nothing.
              <>
                <span style={{ flex: 1 }} />
                <Button size="small" icon={<MenuOutlined />} onClick={() => setMenuOpen(true)} aria-label={t('nav.menu')} data-testid="menu-button" />
                <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="left" width={260} title={user.display_name} styles={{ body: { padding: 0 } }}>
                  <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={() => setMenuOpen(false)} data-testid="phone-menu" />
                </Drawer>
              </>
            )}
            <Space>
              <Link to="/account" title={t('nav.account')} aria-label={`${user.display_name} · ${t('nav.account')}`} style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="current-user">
                <UserOutlined />
                {wide && <span style={{ marginInlineStart: 6 }}>{user.display_name}</span>}
              </Link>
              {wide &&
                user.roles.map((r) => (
                  <Tag key={r}>{t(`roles.${r}`)}</Tag>
                ))}
              <Button size="small" onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
                {t('nav.language')}
              </Button>
              <Button size="small" onClick={() => void signOut()} data-testid="sign-out">
                {t('nav.logout')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: wide ? 24 : 12, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Navigate to={home} replace />} />
                <Route path="/home" element={isEngineerOnly ? <Navigate to={home} replace /> : <HomePage />} />
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
                <Route path="/sittings/:id/room" element={<SittingRoomPage />} />
                <Route path="/sittings/:id/analysis" element={<ItemAnalysisPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/courses" element={<CoursesPage />} />
                <Route path="/questions" element={<QuestionsPage />} />
                <Route path="/exams" element={<ExamsPage />} />
                <Route path="/exams/:id/take" element={<ExamPage />} />
                <Route path="/exams/:id/slip" element={<ExamSlipPage />} />
                <Route path="/exams/attempts/:id/review" element={<ReviewPage />} />
                <Route path="/exams/wrong" element={<WrongQuestionsPage />} />
                <Route path="/marking" element={<MarkingPage />} />
                <Route path="/marking/:blueprintId" element={<MarkingPage />} />
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
