import { useMemo } from 'react';
import { Card, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../features/engineers/api';
import { EmptyState, ErrorState, Loading } from '../features/ui';

const kindColor: Record<string, string> = { company: 'purple', region: 'blue', center: 'cyan', team: 'default' };

export default function OrgPage() {
  const { t } = useTranslation();
  const units = useOrgUnits();
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
    <Card title={t('org.title')}>
      {tree.length ? <Tree treeData={tree} defaultExpandedKeys={tree.map((n) => n.key)} showLine selectable={false} /> : <EmptyState />}
    </Card>
  );
}
