// 账号安全 / Account security: one's own password, second factor and sessions, for every role.
import { Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../features/auth/auth';
import { ChangePassword } from '../features/account/ChangePassword';
import { MfaSettings } from '../features/account/Mfa';
import { Sessions } from '../features/account/Sessions';

export default function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('account.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('account.signedInAs', { name: user.display_name || user.username, user: user.username })}</Typography.Text>
      </div>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.password.title')}>
            <ChangePassword />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.mfa.title')}>
            <MfaSettings />
          </Card>
        </Col>
      </Row>
      <Card title={t('account.sessions.title')}>
        <Sessions />
      </Card>
    </Space>
  );
}
