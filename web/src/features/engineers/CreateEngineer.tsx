// The engineer form, for a new engineer or an edit: every field is validated by the server and its
// per-field errors are shown on the fields they name. Edits send the record's version (If-Match),
// so a record changed by someone else in the meantime is not overwritten.
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, TreeSelect, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, type Engineer } from '../../api/client';
import { showProblem } from '../forms';
import { createEngineer, updateEngineer } from './api';

type Values = {
  employee_no: string;
  name: string;
  org_unit: string;
  hire_date: Dayjs;
  career_start: Dayjs;
  education: string;
  product_lines?: string[];
  phone?: string;
  email?: string;
  rank?: number;
  level_since?: Dayjs;
  status?: 'active' | 'left';
};

const EDUCATION = ['junior_high', 'high_school', 'associate', 'bachelor', 'master', 'doctor'];

export default function CreateEngineer({
  open,
  onClose,
  orgTree,
  levels,
  productLines,
  editing,
  orgCode,
}: {
  open: boolean;
  onClose: () => void;
  orgTree: unknown[];
  levels: Map<number, string>;
  productLines: { value: string; label: string }[];
  editing?: Engineer;  // edit this engineer instead of adding one
  orgCode?: string;    // the edited engineer's org unit code
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const initial = editing
    ? {
        employee_no: editing.employee_no,
        name: editing.name,
        org_unit: orgCode,
        hire_date: dayjs(editing.hire_date),
        career_start: dayjs(editing.career_start),
        education: editing.education,
        product_lines: editing.product_lines,
        phone: editing.phone,
        email: editing.email,
        status: editing.status,
      }
    : undefined;
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : undefined);
      const fields = {
        name: v.name,
        org_unit: v.org_unit,
        hire_date: day(v.hire_date)!,
        career_start: day(v.career_start)!,
        education: v.education,
        product_lines: v.product_lines ?? [],
        phone: v.phone ?? '',
        email: v.email ?? '',
      };
      const e = editing
        ? await updateEngineer(editing, { ...fields, status: v.status ?? 'active' })
        : await createEngineer({ ...fields, employee_no: v.employee_no, rank: v.rank ?? 0, ...(v.rank ? { level_since: day(v.level_since) } : {}) });
      void message.success(`${e.employee_no} ${e.name}`);
      await qc.invalidateQueries({ queryKey: ['engineers'] });
      if (!editing) form.resetFields();
      onClose();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 412) {
        void message.error(err.problem.title);
        await qc.invalidateQueries({ queryKey: ['engineers'] });
        onClose();
        return;
      }
      showProblem(form as never, err);
    } finally {
      setBusy(false);
    }
  };
  const rank = Form.useWatch('rank', form);
  return (
    <Modal open={open} title={editing ? t('engineers.edit') : t('engineers.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} width={640} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark initialValues={initial}>
        <Form.Item name="employee_no" label={t('engineers.employeeNo')} rules={[{ required: true, message: t('login.required', { field: t('engineers.employeeNo') }) }]}>
          <Input maxLength={32} disabled={!!editing} />
        </Form.Item>
        <Form.Item name="name" label={t('engineers.name')} rules={[{ required: true, message: t('login.required', { field: t('engineers.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="org_unit" label={t('engineers.org')} rules={[{ required: true, message: t('login.required', { field: t('engineers.org') }) }]}>
          <TreeSelect treeData={orgTree as never} showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="hire_date" label={t('engineers.hireDate')} rules={[{ required: true, message: t('login.required', { field: t('engineers.hireDate') }) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="career_start" label={t('engineers.careerStart')} rules={[{ required: true, message: t('login.required', { field: t('engineers.careerStart') }) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="education" label={t('engineers.education')} rules={[{ required: true, message: t('login.required', { field: t('engineers.education') }) }]}>
          <Select options={EDUCATION.map((e) => ({ value: e, label: t(`education.${e}`) }))} />
        </Form.Item>
        <Form.Item name="product_lines" label={t('engineers.productLines')}>
          <Select mode="multiple" options={productLines} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="phone" label={t('engineers.phone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('engineers.email')}>
          <Input maxLength={100} />
        </Form.Item>
        {editing && (
          <Form.Item name="status" label={t('engineers.status')}>
            <Select
              options={[
                { value: 'active', label: t('engineers.active') },
                { value: 'left', label: t('engineers.left') },
              ]}
            />
          </Form.Item>
        )}
        {!editing && (
          <Form.Item name="rank" label={t('engineers.level')}>
            <Select allowClear options={[...levels].map(([r, label]) => ({ value: r, label }))} />
          </Form.Item>
        )}
        {!editing && !!rank && (
          <Form.Item name="level_since" label={t('engineers.levelSince')} rules={[{ required: true, message: t('login.required', { field: t('engineers.levelSince') }) }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
