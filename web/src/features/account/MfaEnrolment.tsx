// Turning on the second factor: "Turn on" asks the server for a new secret, shown as a QR code
// (antd's, drawn on a canvas: nothing is loaded) and as text for typing; a code from the
// authenticator confirms it. The caller gets the ten recovery codes and the updated session.
import { useState } from 'react';
import { Button, Flex, Form, Input, QRCode, Space, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSubmit } from '../forms';
import { confirmMfa, setupMfa, type MfaConfirmed, type MfaSetup } from './api';
import { groupSecret } from './format';

export function MfaEnrolment({ onConfirmed }: { onConfirmed: (r: MfaConfirmed) => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      setSetup(await setupMfa());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(e.problem.title);
    } finally {
      setStarting(false);
    }
  };

  if (!setup)
    return (
      <Button type="primary" onClick={() => void start()} loading={starting} data-testid="mfa-turn-on">
        {t('account.mfa.turnOn')}
      </Button>
    );
  return <ConfirmCode setup={setup} onCancel={() => setSetup(null)} onConfirmed={onConfirmed} />;
}

function ConfirmCode({ setup, onCancel, onConfirmed }: { setup: MfaSetup; onCancel: () => void; onConfirmed: (r: MfaConfirmed) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const { busy, submit } = useSubmit<{ code: string }>(form, async (v) => {
    try {
      const r = await confirmMfa(v.code);
      void message.success(t('account.mfa.enabled'));
      onConfirmed(r);
    } catch (e) {
      // A wrong code may come without a field: it belongs under the code all the same.
      if (e instanceof ApiError && !e.problem.errors?.length && e.status === 422) form.setFields([{ name: 'code', errors: [e.problem.title] }]);
      else throw e;
    }
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mfa-enrolment">
      <Typography.Paragraph style={{ margin: 0 }}>{t('account.mfa.scan')}</Typography.Paragraph>
      <Flex wrap gap={24} align="center">
        <QRCode value={setup.otpauth_uri} size={176} type="svg" />
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('account.mfa.secret')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: setup.secret.replace(/[\s=]/g, '') }} style={{ margin: 0 }}>
            <Typography.Text code data-testid="mfa-secret" style={{ fontSize: 16, wordBreak: 'break-word' }}>
              {groupSecret(setup.secret)}
            </Typography.Text>
          </Typography.Paragraph>
        </div>
      </Flex>
      <Form form={form} name="mfa-confirm" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="code"
          label={t('account.mfa.code')}
          extra={t('account.mfa.codeHint')}
          normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.mfa.codeRule') }]}
        >
          <Input autoFocus inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="mfa-confirm">
            {t('account.mfa.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Space>
  );
}
