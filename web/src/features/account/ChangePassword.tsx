// Change one's own password: the current one, the new one twice. The server checks the policy
// (length, common passwords, the user name) and answers on the field it faults; every other
// session of the user ends, and the answer is the updated session.
import { Button, Form, Input, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSetSession, useSession } from '../auth/auth';
import { useRequired, useSubmit } from '../forms';
import { changePassword, ownSessionsQuery } from './api';

type Values = { current_password: string; new_password: string; repeat: string };

export function ChangePassword() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const setSession = useSetSession();
  const username = useSession().data?.user.username ?? '';
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit<Values>(form, async (v) => {
    const s = await changePassword({ current_password: v.current_password, new_password: v.new_password });
    form.resetFields();
    void message.success(t('account.password.changed'));
    void qc.invalidateQueries({ queryKey: ownSessionsQuery().queryKey });
    setSession(s); // last: when the change was required, this page gives way to the next one
  });
  return (
    <Form form={form} name="change-password" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} data-testid="change-password">
      {/* For password managers: which account this new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Form.Item name="current_password" label={t('account.password.current')} rules={required(t('account.password.current'))}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t('account.password.new')}
        extra={t('account.password.policy')}
        rules={[...required(t('account.password.new')), { min: 8, message: t('account.password.tooShort') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="repeat"
        label={t('account.password.repeat')}
        dependencies={['new_password']}
        rules={[
          ...required(t('account.password.repeat')),
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('account.password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
        {t('account.password.submit')}
      </Button>
    </Form>
  );
}
