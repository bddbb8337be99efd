import { useMemo, useState } from 'react';
import { Button, Card, Space, Tag, Tree, Typography } from 'antd';
import { buildTree, useOrgTrees, type OrgNode } from '../features/org/tree';
import CreateUnit from '../features/org/CreateUnit';
import { hasRole, useUser } from '../features/auth/auth';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading } from '../features/ui';

const kindColor: Record<string, string> = { company: 'purple', region: 'blue', center: 'cyan', team: 'default' };

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
