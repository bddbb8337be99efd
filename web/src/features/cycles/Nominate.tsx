// HR nominates in bulk by filter (org subtree, current level, years of work): a count first, then the
// applications once confirmed.
import { useState } from 'react';
import { Alert, Button, Form, InputNumber, Modal, Select, Space, TreeSelect, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { showProblem } from '../forms';
import { useOrgTrees } from '../org/tree';
import { nominate, type Cycle } from './api';

type Filter = { org_unit?: string; rank?: number | null; min_years?: number };

export default function Nominate({ cycle, levels }: { cycle: Cycle; levels: Map<number, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const org = useOrgTrees();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Schemas['NominationReport'] | null>(null);
  const [form] = Form.useForm<Filter>();
  const send = async (dry: boolean) => {
    const v = form.getFieldsValue();
    const body = { org_unit: v.org_unit ?? '', rank: v.rank ?? null, min_years: v.min_years ?? 0 };
    setBusy(true);
    try {
      const r = await nominate(cycle.id, dry, body);
      if (dry) setPreview(r);
      else {
        void message.success(t('cycles.nominated', { created: r.created }));
        setOpen(false);
        setPreview(null);
        await qc.invalidateQueries({ queryKey: ['cycles', cycle.id] });
      }
    } catch (e) {
      showProblem(form, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button data-testid="nominate-open" onClick={() => setOpen(true)}>
        {t('cycles.nominate')}
      </Button>
      <Modal
        open={open}
        title={t('cycles.nominate')}
        onCancel={() => setOpen(false)}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !preview || preview.created === 0, loading: busy, 'data-testid': 'nominate-ok' } as never}
        onOk={() => void send(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('cycles.nominateHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onValuesChange={() => setPreview(null)}>
          <Form.Item name="org_unit" label={t('cycles.nominateOrg')}>
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={org.byCode} placeholder={t('common.all')} data-testid="nominate-org" />
          </Form.Item>
          <Form.Item name="rank" label={t('cycles.nominateLevel')}>
            <Select allowClear placeholder={t('common.all')} options={[...levels].map(([rank, label]) => ({ value: rank, label }))} />
          </Form.Item>
          <Form.Item name="min_years" label={t('cycles.minYears')}>
            <InputNumber min={0} max={60} />
          </Form.Item>
        </Form>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button onClick={() => void send(true)} loading={busy} data-testid="nominate-preview">
            {t('cycles.preview')}
          </Button>
          {preview && <Alert type={preview.created > 0 ? 'info' : 'warning'} data-testid="nominate-count" message={t('cycles.nominatePreview', preview)} />}
        </Space>
      </Modal>
    </>
  );
}
