import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken, unwrap, ApiError } from '../api/client';
import { setLanguage } from '../i18n';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError('');
    try {
      const s = unwrap(await api.POST('/api/v1/auth/login', { body: values }));
      setCsrfToken(s.csrf_token);
      qc.setQueryData(['me'], s.user);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.title : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              skillgrade
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Button type="link" onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
            {t('nav.language')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
