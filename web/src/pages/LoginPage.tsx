import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { signIn, useSetSession } from '../features/auth/auth';
import { setLanguage } from '../i18n';

type Credentials = { username: string; password: string; otp?: string };

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const setSession = useSetSession();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The account has a second factor: the same form asks for a code as well.
  const [needsCode, setNeedsCode] = useState(false);

  const onFinish = async (values: Credentials) => {
    setBusy(true);
    setError('');
    try {
      const otp = values.otp?.replace(/\s+/g, '');
      const body = { username: values.username, password: values.password, ...(needsCode && otp ? { otp } : {}) };
      setSession(await signIn(body));
    } catch (e) {
      if (!(e instanceof ApiError)) setError(String(e));
      else if (e.problem.code === 'auth.mfa_required') setNeedsCode(true);
      else if (e.problem.code === 'auth.mfa_bad_code') form.setFields([{ name: 'otp', value: '', errors: [e.problem.errors?.[0]?.message ?? e.problem.title] }]);
      else setError(e.problem.title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              skillgrade
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {needsCode && (
              <Form.Item name="otp" label={t('login.otp')} extra={t('login.otpHint')} rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.otp') }) }]}>
                <Input autoFocus inputMode="numeric" autoComplete="one-time-code" maxLength={64} spellCheck={false} />
              </Form.Item>
            )}
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
