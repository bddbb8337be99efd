import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Tag, Tree, TreeSelect, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useRequired, useSubmit } from '../features/forms';
import { buildTree, useOrgTrees, type OrgNode } from '../features/org';
import { hasRole, useUser } from '../features/auth/auth';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading } from '../features/ui';

const kindColor: Record<string, string> = { company: 'purple', region: 'blue', center: 'cyan', team: 'default' };

type NewUnit = { parent?: string; code: string; name: string; kind: 'company' | 'region' | 'center' | 'team'; manager?: string };

function CreateUnit({ open, onClose, parents }: { open: boolean; onClose: () => void; parents: unknown[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUnit>();
  const { busy, submit } = useSubmit<NewUnit>(form as never, async (v) => {
    const u = unwrap(await api.POST('/api/v1/org-units', { body: { ...v, parent: v.parent ?? '', manager: v.manager ?? '' } }));
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

export default function OrgPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [creating, setCreating] = useState(false);
  const org = useOrgTrees();
  const units = org.units;
  const parents = useMemo(() => buildTree(units.data?.items ?? [], (u) => u.code, (u) => `${u.name} (${u.code})`), [units.data]);
  const tree = useMemo(() => {
    const label = (n: OrgNode<number>): DataNode => ({
      key: n.key,
      title: (
        <Space>
          <Typography.Text strong={n.unit.kind !== 'team'}>{n.unit.name}</Typography.Text>
          <Tag color={kindColor[n.unit.kind]}>{t(`org.kinds.${n.unit.kind}`)}</Tag>
          <Typography.Text type="secondary">{n.unit.code}</Typography.Text>
          {n.unit.manager_name && (
            <Typography.Text>
              {t('org.manager')}: {n.unit.manager_name}
            </Typography.Text>
          )}
        </Space>
      ),
      children: n.children.map(label),
    });
    return org.byId.map(label);
  }, [org.byId, t]);
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
