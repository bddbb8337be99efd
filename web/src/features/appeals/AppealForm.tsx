// The engineer's appeal against their own result, opened from the public notice.
import { useState } from 'react';
import { Input, Modal, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../forms';
import { fileAppeal } from './api';

export default function AppealForm({ applicationId, onClose }: { applicationId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const run = useAction(['cycles']);
  return (
    <Modal
      open={applicationId !== null}
      title={t('notice.appeal')}
      onCancel={onClose}
      okButtonProps={{ disabled: !reason.trim() }}
      onOk={() => {
        const id = applicationId!;
        onClose();
        void run(async () => {
          await fileAppeal(id, reason);
          void message.success(t('notice.appealed'));
        });
        setReason('');
      }}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
    >
      <Input.TextArea data-testid="appeal-reason" rows={3} placeholder={t('notice.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
