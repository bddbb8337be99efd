// A new account: its roles, and the engineer (by employee number) or org unit the role needs.
import { Form, Input, Modal, Select, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { ROLES, createUser, type NewUser } from './api';

export default function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const roles = Form.useWatch('roles', form) ?? [];
  const { busy, submit } = useSubmit<NewUser>(form as never, async (v) => {
    const u = await createUser(v);
    void message.success(u.username);
    await qc.invalidateQueries({ queryKey: ['users'] });
    form.resetFields();
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="username" label={t('login.username')} rules={required(t('login.username'))}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('users.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[...required(t('login.password')), { min: 8, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={required(t('users.roles'))}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {roles.includes('engineer') && (
          <Form.Item name="engineer_no" label={t('engineers.employeeNo')} rules={required(t('engineers.employeeNo'))}>
            <Input maxLength={32} />
          </Form.Item>
        )}
        {roles.includes('manager') && (
          <Form.Item name="org_unit" label={t('users.orgUnit')} rules={required(t('users.orgUnit'))}>
            <Input maxLength={32} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
