// Adds an org unit under a parent (by code); the list of units is read again afterwards.
import { Form, Input, Modal, Select, TreeSelect, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { createOrgUnit, type NewUnit } from './api';

export default function CreateUnit({ open, onClose, parents }: { open: boolean; onClose: () => void; parents: unknown[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUnit>();
  const { busy, submit } = useSubmit<NewUnit>(form as never, async (v) => {
    const u = await createOrgUnit(v);
    void message.success(`${u.code} ${u.name}`);
    await qc.invalidateQueries({ queryKey: ['org-units'] });
    form.resetFields();
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={open} title={t('org.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'team' }}>
        <Form.Item name="kind" label={t('org.kind')} rules={required(t('org.kind'))}>
          <Select options={['company', 'region', 'center', 'team'].map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parent" label={t('org.parent')}>
          <TreeSelect allowClear treeData={parents as never} showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} rules={required(t('org.code'))}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={required(t('org.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="manager" label={t('org.managerUser')}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
