// A new cycle: its scheme and open levels, the cut-off date and the dates of each phase (each phase
// has its responsible role).
import { DatePicker, Form, Input, Modal, Select, Space, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequired, useSubmit } from '../forms';
import { useScheme, useSchemes } from '../schemes/api';
import { PHASES, createCycle } from './api';

const RESPONSIBLE: Record<string, string> = {
  application: 'engineer', eligibility_review: 'hr', written_exam: 'examiner', practical_test: 'examiner', interview: 'examiner',
  committee_review: 'committee', public_notice: 'hr', appeal: 'hr', certification: 'hr',
};

type NewCycle = { name: string; scheme_id: number; kind: 'promotion' | 'recertification'; open_ranks: number[]; cutoff_date: Dayjs; phases: Record<string, [Dayjs, Dayjs] | undefined> };

export default function CreateCycle({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const qc = useQueryClient();
  const schemes = useSchemes();
  const [form] = Form.useForm<NewCycle>();
  const required = useRequired();
  const schemeId = Form.useWatch('scheme_id', form);
  // The chosen scheme's levels by name (the default scheme until another is chosen).
  const chosen = useScheme(schemeId ?? schemes.data?.items.find((s) => s.is_default)?.id ?? 0);
  const levelOptions = (chosen.data?.levels ?? []).map((l) => ({ value: l.rank, label: l.label[lang] }));
  const { busy, submit } = useSubmit<NewCycle>(form as never, async (v) => {
    const phases = PHASES.filter((p) => v.phases?.[p]).map((p) => ({
      phase: p,
      starts_on: v.phases[p]![0].format('YYYY-MM-DD'),
      ends_on: v.phases[p]![1].format('YYYY-MM-DD'),
      responsible_role: RESPONSIBLE[p],
    }));
    const c = await createCycle({ name: v.name, scheme_id: v.scheme_id, kind: v.kind, open_ranks: v.open_ranks, cutoff_date: v.cutoff_date.format('YYYY-MM-DD'), phases });
    void message.success(c.name);
    await qc.invalidateQueries({ queryKey: ['cycles'] });
    form.resetFields();
    onClose();
  });
  return (
    <Modal open={open} width={720} title={t('cycles.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'promotion' }}>
        <Form.Item name="name" label={t('cycles.name')} rules={required(t('cycles.name'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="scheme_id" label={t('cycles.scheme')} rules={required(t('cycles.scheme'))}>
            <Select style={{ width: 300 }} placeholder={t('common.choose')} options={schemes.data?.items.map((s) => ({ value: s.id, label: s.name[lang] }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('cycles.kind')}>
            <Select style={{ width: 160 }} options={['promotion', 'recertification'].map((k) => ({ value: k, label: t(`cycles.kinds.${k}`) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="open_ranks" label={t('cycles.openLevels')} rules={required(t('cycles.openLevels'))}>
            <Select mode="multiple" style={{ width: 300 }} placeholder={t('common.choose')} disabled={!schemeId} options={levelOptions} />
          </Form.Item>
          <Form.Item name="cutoff_date" label={t('cycles.cutoff')} rules={required(t('cycles.cutoff'))}>
            <DatePicker placeholder={t('common.chooseDate')} />
          </Form.Item>
        </Space>
        {PHASES.map((p) => (
          <Form.Item key={p} name={['phases', p]} label={t(`cycles.phases.${p}`)} style={{ marginBottom: 8 }}>
            <DatePicker.RangePicker placeholder={[t('common.startDate'), t('common.endDate')]} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
