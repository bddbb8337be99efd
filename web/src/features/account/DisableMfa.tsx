// Turning the second factor off, confirmed with the current password. A role that requires a
// second factor is refused (403): the server's message says why.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSetSession } from '../auth/auth';
import { useRequired, useSubmit } from '../forms';
import { disableMfa } from './api';

export function DisableMfa() {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const required = useRequired();
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [form] = Form.useForm<{ password: string }>();
  const close = () => {
    setOpen(false);
    setRefused(null);
    form.resetFields();
  };
  const { busy, submit } = useSubmit<{ password: string }>(form, async (v) => {
    setRefused(null);
    try {
      const s = await disableMfa(v.password);
      void message.success(t('account.mfa.disabled'));
      close();
      setSession(s);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setRefused(e);
      else throw e;
    }
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="mfa-turn-off">
        {t('account.mfa.turnOff')}
      </Button>
      <Modal
        open={open}
        title={t('account.mfa.disableTitle')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('account.mfa.turnOff')}
        okButtonProps={{ danger: true, disabled: !!refused }}
        confirmLoading={busy}
        cancelText={t('common.cancel')}
        forceRender
      >
        {refused && <Alert type="error" showIcon title={refused.problem.title} description={refused.problem.detail} style={{ marginBottom: 16 }} data-testid="mfa-refused" />}
        <Form form={form} name="mfa-disable" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
          <Form.Item name="password" label={t('account.password.current')} extra={t('account.mfa.disableHint')} rules={required(t('account.password.current'))}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
