// What a session limited to the account routes shows, and nothing else: first the password
// change an administrator's reset requires, then the second factor the role requires.
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/client';
import { setLanguage } from '../../i18n';
import { useSignOut } from '../auth/auth';
import { ChangePassword } from './ChangePassword';
import { MfaRequired } from './Mfa';

export function RequiredStep({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const signOut = useSignOut();
  const step = session.must_change_password ? 'password' : 'mfa';
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: 520, maxWidth: '100%' }} data-testid={step === 'password' ? 'must-change-password' : 'must-enrol-mfa'}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {step === 'password' ? t('account.mustChange.title') : t('account.mustEnrol.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('account.signedInAs', { name: session.user.display_name || session.user.username, user: session.user.username })}</Typography.Text>
          </div>
          <Typography.Paragraph style={{ margin: 0 }}>{step === 'password' ? t('account.mustChange.hint') : t('account.mustEnrol.hint')}</Typography.Paragraph>
          {step === 'password' ? <ChangePassword /> : <MfaRequired />}
          <Space wrap>
            <Button onClick={() => void signOut()} data-testid="sign-out">
              {t('nav.logout')}
            </Button>
            <Button type="link" onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
              {t('nav.language')}
            </Button>
          </Space>
        </Space>
      </Card>
    </div>
  );
}
