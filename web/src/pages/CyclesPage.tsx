import { useState } from 'react';
import { useUrlNumber, useUrlPage } from '../features/urlState';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { hasRole, useUser } from '../features/auth/auth';
import { PHASES, useCycles } from '../features/cycles/api';
import { useRequired, useSubmit } from '../features/forms';
import { useScheme, useSchemes } from '../features/schemes/api';
import { EmptyState, ErrorState } from '../features/ui';
import { useLevelLabels } from './EngineersPage';

const RESPONSIBLE: Record<string, string> = {
  application: 'engineer', eligibility_review: 'hr', written_exam: 'examiner', practical_test: 'examiner', interview: 'examiner',
  committee_review: 'committee', public_notice: 'hr', appeal: 'hr', certification: 'hr',
};

type NewCycle = { name: string; scheme_id: number; kind: 'promotion' | 'recertification'; open_ranks: number[]; cutoff_date: Dayjs; phases: Record<string, [Dayjs, Dayjs] | undefined> };

function CreateCycle({ open, onClose }: { open: boolean; onClose: () => void }) {
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
    const c = unwrap(await api.POST('/api/v1/cycles', { body: { name: v.name, scheme_id: v.scheme_id, kind: v.kind, open_ranks: v.open_ranks, cutoff_date: v.cutoff_date.format('YYYY-MM-DD'), phases } }));
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

// Valid certificates running out soon: the people the next re-certification cycle is for.
function Expiring() {
  const { t } = useTranslation();
  const levels = useLevelLabels();
  const [days, setDays] = useUrlNumber('days', 90, [30, 90, 180, 365]);
  const pagination = useUrlPage('expiring_page');
  const expiring = useQuery({
    queryKey: ['certificates', 'expiring', days],
    queryFn: async () => unwrap(await api.GET('/api/v1/certificates/expiring', { params: { query: { days } } })),
  });
  return (
    <Card
      title={t('certificates.expiring')}
      extra={
        <Select
          style={{ width: 140 }}
          value={days}
          onChange={setDays}
          options={[30, 90, 180, 365].map((d) => ({ value: d, label: t('certificates.within', { n: d }) }))}
        />
      }
    >
      {expiring.error ? (
        <ErrorState error={expiring.error} />
      ) : (
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={expiring.isLoading}
          dataSource={expiring.data?.items}
          locale={{ emptyText: <EmptyState /> }}
          pagination={pagination}
          columns={[
            { title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
            { title: t('engineers.name'), dataIndex: 'engineer_name', render: (v: string, c) => <Link to={`/engineers/${c.engineer_id}`}>{v}</Link> },
            { title: t('engineers.level'), dataIndex: 'level_rank', render: (r: number) => levels.get(r) ?? r },
            { title: t('engineers.certificateNo'), dataIndex: 'number' },
            { title: t('engineers.expiresOn'), dataIndex: 'expires_on' },
          ]}
        />
      )}
    </Card>
  );
}

export default function CyclesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);
  const pagination = useUrlPage('page');
  if (cycles.error) return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('cycles.title')}
        extra={hasRole(user, 'admin', 'hr') && <Button type="primary" onClick={() => setCreating(true)}>{t('cycles.create')}</Button>}
      >
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          loading={cycles.isLoading}
          dataSource={cycles.data?.items}
          locale={{ emptyText: <EmptyState /> }}
          pagination={pagination}
          columns={[
            { title: t('cycles.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/cycles/${c.id}`}>{v}</Link> },
            { title: t('cycles.kind'), dataIndex: 'kind', render: (k: string) => t(`cycles.kinds.${k}`) },
            { title: t('cycles.status'), dataIndex: 'status', render: (s: string) => <Tag color="blue">{t(`cycles.statuses.${s}`)}</Tag> },
            { title: t('cycles.cutoff'), dataIndex: 'cutoff_date' },
            { title: t('cycles.openLevels'), dataIndex: 'open_ranks', render: (r: number[]) => r.join(', ') },
          ]}
        />
        <CreateCycle open={creating} onClose={() => setCreating(false)} />
      </Card>
      {hasRole(user, 'admin', 'hr', 'manager', 'auditor') && <Expiring />}
    </Space>
  );
}
