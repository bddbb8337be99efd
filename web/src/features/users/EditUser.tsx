import { Form, Input, Modal, Select, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { ROLES, updateUser, type UserRow } from './api';

// Display name and roles of an account; disabling signs it out everywhere (the server refuses to
// disable one's own account or to leave no active administrator).
export default function EditUser({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ display_name: string; roles: string[] }>();
  const { busy, submit } = useSubmit<{ display_name: string; roles: string[] }>(form as never, async (v) => {
    await updateUser(user!.id, { display_name: v.display_name, roles: v.roles, active: user!.active !== false });
    void message.success(t('users.saved', { user: user!.username }));
    await qc.invalidateQueries({ queryKey: ['users'] });
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={!!user} title={user ? t('users.edit', { user: user.username }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ display_name: user?.display_name, roles: user?.roles }}>
        <Form.Item name="display_name" label={t('users.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={required(t('users.roles'))}>
          <Select mode="multiple" data-testid="edit-roles" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
