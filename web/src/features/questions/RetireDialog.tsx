// Retiring a question takes a reason (recorded in the audit log); papers already made keep it.
import { Form, Input, Modal, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { retireQuestion } from './api';

export type Retiring = { id: number; code: string };

// onClose(true) once the question is retired.
export default function RetireDialog({ question, onClose }: { question: Retiring | null; onClose: (retired: boolean) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const required = useRequired();
  const { busy, submit } = useSubmit<{ reason: string }>(form, async (v) => {
    await retireQuestion(question!.id, true, v.reason.trim());
    void message.success(t('questions.retired', { code: question!.code }));
    await qc.invalidateQueries({ queryKey: ['questions'] });
    form.resetFields();
    onClose(true);
  });
  return (
    <Modal
      open={!!question}
      title={question ? t('questions.retireTitle', { code: question.code }) : ''}
      onCancel={() => {
        form.resetFields();
        onClose(false);
      }}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('questions.retire')}
      okButtonProps={{ danger: true, 'data-testid': 'retire-confirm' } as never}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('questions.retireHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('questions.reason')} rules={[...required(t('questions.reason')), { whitespace: true, message: t('login.required', { field: t('questions.reason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('questions.retireReason')} autoFocus data-testid="retire-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
