import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { recordLevel } from './api';

// Records a level change (promotion, correction) with its date and reason.
export default function LevelDialog({ id, open, onClose, levels }: { id: number; open: boolean; onClose: () => void; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ rank: number; since: Dayjs; note: string }>();
  const { busy, submit } = useSubmit<{ rank: number; since: Dayjs; note: string }>(form as never, async (v) => {
    await recordLevel(id, { rank: v.rank, since: v.since.format('YYYY-MM-DD'), note: v.note });
    await qc.invalidateQueries({ queryKey: ['engineers'] });
    form.resetFields();
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={open} title={t('engineers.changeLevel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="rank" label={t('engineers.level')} rules={required(t('engineers.level'))}>
          <Select options={[{ value: 0, label: t('engineers.noLevel') }, ...[...levels].map(([r, label]) => ({ value: r, label }))]} />
        </Form.Item>
        <Form.Item name="since" label={t('engineers.since')} rules={required(t('engineers.since'))}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('engineers.reason')} rules={required(t('engineers.reason'))}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
