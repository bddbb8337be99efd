import { useState } from 'react';
import { Button, Card, Input, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAction } from '../features/forms';
import { EmptyState, ErrorState } from '../features/ui';
import { ROLES, endUserSessions, updateUser, useUsers, type UserRow } from '../features/users/api';
import CreateUser from '../features/users/CreateUser';
import ResetPassword from '../features/users/ResetPassword';
import EditUser from '../features/users/EditUser';

export default function UsersPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<{ id: number; username: string } | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  // Search, role and page live in the URL.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role = ROLES.find((r) => r === roleParam);
  const pageParam = params.get('page') ?? '';
  const page = /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 1;
  const [search, setSearch] = useState(q);
  const setQuery = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const users = useUsers(q, role, page);
  const run = useAction(['users']);
  const endSessions = (u: { id: number; username: string }) =>
    run(async () => {
      const r = await endUserSessions(u.id);
      void message.success(t('users.sessionsEnded', { user: u.username, count: r.ended }));
    });
  const setActive = (u: UserRow, active: boolean) =>
    run(async () => {
      await updateUser(u.id, { display_name: u.display_name, roles: u.roles, active });
      void message.success(t(active ? 'users.enabled' : 'users.disabled', { user: u.username }));
    });
  if (users.error) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="user-search"
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setQuery({ q: v.trim() || undefined, page: undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('users.roles')}
          style={{ width: 160 }}
          value={role}
          onChange={(v?: string) => setQuery({ role: v, page: undefined })}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </Space>
      <Table
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        locale={{ emptyText: <EmptyState /> }}
        onChange={(p) => setQuery({ page: p.current && p.current > 1 ? String(p.current) : undefined })}
        pagination={{ current: page, pageSize: 50, total: users.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('login.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'display_name' },
          {
            title: t('account.title'),
            key: 'security',
            render: (_, u) => (
              <Space wrap size={4}>
                {u.mfa_enabled && <Tag color="green">{t('users.mfa')}</Tag>}
                {u.must_change_password && <Tag color="orange">{t('users.mustChange')}</Tag>}
                {!u.active && <Tag>{t('users.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => (
              <Space wrap>
                {roles.map((r) => (
                  <Tag key={r}>{t(`roles.${r}`)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, u) => (
              <Space wrap size={8}>
                <Button size="small" onClick={() => setEditing(u)} data-testid={`edit-${u.username}`}>
                  {t('users.editShort')}
                </Button>
                {u.active ? (
                  <Popconfirm title={t('users.confirmDisable', { user: u.username })} onConfirm={() => setActive(u, false)} okText={t('users.disable')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}>
                    <Button size="small" danger data-testid={`disable-${u.username}`}>
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(u, true)} data-testid={`enable-${u.username}`}>
                    {t('users.enable')}
                  </Button>
                )}
                <Button size="small" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
                <Popconfirm title={t('users.confirmEndSessions', { user: u.username })} onConfirm={() => endSessions(u)} okText={t('users.endSessions')} cancelText={t('common.cancel')}>
                  <Button size="small" data-testid={`end-sessions-${u.username}`}>
                    {t('users.endSessions')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CreateUser open={creating} onClose={() => setCreating(false)} />
      <ResetPassword user={resetting} onClose={() => setResetting(null)} />
      <EditUser key={editing?.id ?? 0} user={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
