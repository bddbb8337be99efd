import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Tag, Tree, TreeSelect, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, ApiError } from '../api/client';
import { hasRole, useUser } from '../features/auth/auth';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../features/engineers/api';
import { EmptyState, ErrorState, Loading } from '../features/ui';

const kindColor: Record<string, string> = { company: 'purple', region: 'blue', center: 'cyan', team: 'default' };

type NewUnit = { parent?: string; code: string; name: string; kind: 'company' | 'region' | 'center' | 'team'; manager?: string };

function CreateUnit({ open, onClose, parents }: { open: boolean; onClose: () => void; parents: unknown[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUnit>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: NewUnit) => {
    setBusy(true);
    try {
      const u = unwrap(await api.POST('/api/v1/org-units', { body: { ...v, parent: v.parent ?? '', manager: v.manager ?? '' } }));
      void message.success(`${u.code} ${u.name}`);
      await qc.invalidateQueries({ queryKey: ['org-units'] });
      form.resetFields();
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = (e.problem.errors ?? []).map((x) => ({ name: x.field, errors: [x.message] }));
      if (fields.length) form.setFields(fields as never);
      else void message.error(e.problem.title);
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => [{ required: true, message: t('login.required', { field }) }];
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

export default function OrgPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [creating, setCreating] = useState(false);
  const units = useOrgUnits();
  const parents = useMemo(() => {
    type N = { title: string; value: string; children: N[] };
    const byId = new Map<number, N>();
    const roots: N[] = [];
    for (const u of units.data?.items ?? []) byId.set(u.id, { title: `${u.name} (${u.code})`, value: u.code, children: [] });
    for (const u of units.data?.items ?? []) {
      const p = u.parent_id ? byId.get(u.parent_id) : undefined;
      if (p) p.children.push(byId.get(u.id)!);
      else roots.push(byId.get(u.id)!);
    }
    return roots;
  }, [units.data]);
  const tree = useMemo(() => {
    const byId = new Map<number, DataNode & { children: DataNode[] }>();
    const roots: DataNode[] = [];
    for (const u of units.data?.items ?? [])
      byId.set(u.id, {
        key: u.id,
        title: (
          <Space>
            <Typography.Text strong={u.kind !== 'team'}>{u.name}</Typography.Text>
            <Tag color={kindColor[u.kind]}>{t(`org.kinds.${u.kind}`)}</Tag>
            <Typography.Text type="secondary">{u.code}</Typography.Text>
            {u.manager_name && (
              <Typography.Text>
                {t('org.manager')}: {u.manager_name}
              </Typography.Text>
            )}
          </Space>
        ),
        children: [],
      });
    for (const u of units.data?.items ?? []) {
      const n = byId.get(u.id)!;
      const p = u.parent_id ? byId.get(u.parent_id) : undefined;
      if (p) p.children.push(n);
      else roots.push(n);
    }
    return roots;
  }, [units.data, t]);
  if (units.isLoading) return <Loading />;
  if (units.error) return <ErrorState error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <Card
      title={t('org.title')}
      extra={
        hasRole(user, 'admin', 'hr') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('org.create')}
          </Button>
        )
      }
    >
      {tree.length ? <Tree treeData={tree} defaultExpandedKeys={tree.map((n) => n.key)} showLine selectable={false} /> : <EmptyState />}
      <CreateUnit open={creating} onClose={() => setCreating(false)} parents={parents} />
    </Card>
  );
}
