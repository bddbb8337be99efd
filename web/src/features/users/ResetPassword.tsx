// A temporary password for an account: its sessions end at once, and the user must change it at the next sign-in.
import { Form, Input, Modal, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../forms';
import { setUserPassword } from './api';

export default function ResetPassword({ user, onClose }: { user: { id: number; username: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const { busy, submit } = useSubmit<{ password: string }>(form as never, async (v) => {
    await setUserPassword(user!.id, v);
    void message.success(t('users.passwordSet', { user: user!.username }));
    await qc.invalidateQueries({ queryKey: ['users'] });
    form.resetFields();
    onClose();
  });
  return (
    <Modal open={!!user} title={`${t('users.resetPassword')} · ${user?.username ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.resetHint')} rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
