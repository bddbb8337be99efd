// Accounts for the selected engineers in bulk (administrators): the hand-out sheet downloads at once;
// the engineer list and the accounts page are read again afterwards.
import { useState } from 'react';
import { Alert, Button, Popconfirm, Space, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createAccounts } from './api';

export default function MakeAccounts({ selected, onClear }: { selected: number[]; onClear: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [making, setMaking] = useState(false);
  const makeAccounts = async () => {
    setMaking(true);
    try {
      const r = await createAccounts(selected);
      void message.success(t('engineers.accountsMade', { created: r.created, skipped: r.skipped }), 8);
      onClear();
      await qc.invalidateQueries({ queryKey: ['engineers'] });
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(e.problem.errors?.[0]?.message ?? e.problem.title);
    } finally {
      setMaking(false);
    }
  };
  // Mounted while the list is, so that a sheet still being made keeps its button busy after the selection is cleared.
  if (selected.length === 0) return null;
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      title={t('engineers.selected', { count: selected.length })}
      action={
        <Space wrap>
          <Popconfirm title={t('engineers.confirmAccounts', { count: selected.length })} onConfirm={() => void makeAccounts()} okText={t('engineers.makeAccounts')} cancelText={t('common.cancel')}>
            <Button type="primary" size="small" loading={making} data-testid="make-accounts">
              {t('engineers.makeAccounts')}
            </Button>
          </Popconfirm>
          <Button size="small" onClick={onClear}>
            {t('engineers.clearSelection')}
          </Button>
        </Space>
      }
    />
  );
}
