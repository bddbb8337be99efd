import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useAction, useRequired, useSubmit } from '../features/forms';
import { EmptyState, ErrorState } from '../features/ui';

const ROLES = ['admin', 'hr', 'examiner', 'committee', 'manager', 'engineer', 'auditor'] as const;
type NewUser = { username: string; display_name?: string; password: string; roles: (typeof ROLES)[number][]; engineer_no?: string; org_unit?: string };

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const roles = Form.useWatch('roles', form) ?? [];
  const { busy, submit } = useSubmit<NewUser>(form as never, async (v) => {
    const u = unwrap(await api.POST('/api/v1/users', { body: { ...v, display_name: v.display_name ?? '', engineer_no: v.engineer_no ?? '', org_unit: v.org_unit ?? '' } }));
    void message.success(u.username);
    await qc.invalidateQueries({ queryKey: ['users'] });
    form.resetFields();
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="username" label={t('login.username')} rules={required(t('login.username'))}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('users.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[...required(t('login.password')), { min: 8, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={required(t('users.roles'))}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {roles.includes('engineer') && (
          <Form.Item name="engineer_no" label={t('engineers.employeeNo')} rules={required(t('engineers.employeeNo'))}>
            <Input maxLength={32} />
          </Form.Item>
        )}
        {roles.includes('manager') && (
          <Form.Item name="org_unit" label={t('users.orgUnit')} rules={required(t('users.orgUnit'))}>
            <Input maxLength={32} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: { id: number; username: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const { busy, submit } = useSubmit<{ password: string }>(form as never, async (v) => {
    unwrap(await api.POST('/api/v1/users/{id}/password', { params: { path: { id: user!.id } }, body: v }));
    void message.success(t('users.passwordSet', { user: user!.username }));
    await qc.invalidateQueries({ queryKey: ['users'] });
    form.resetFields();
    onClose();
  });
  return (
    <Modal open={!!user} title={`${t('users.resetPassword')} · ${user?.username ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.resetHint')} rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type UserRow = { id: number; username: string; display_name: string; roles: string[]; active?: boolean };

// Display name and roles of an account; disabling signs it out everywhere (the server refuses to
// disable one's own account or to leave no active administrator).
function EditUser({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ display_name: string; roles: string[] }>();
  const { busy, submit } = useSubmit<{ display_name: string; roles: string[] }>(form as never, async (v) => {
    unwrap(await api.PUT('/api/v1/users/{id}', { params: { path: { id: user!.id } }, body: { display_name: v.display_name, roles: v.roles, active: user!.active !== false } }));
    void message.success(t('users.saved', { user: user!.username }));
    await qc.invalidateQueries({ queryKey: ['users'] });
    onClose();
  });
  const required = useRequired();
  return (
    <Modal open={!!user} title={user ? t('users.edit', { user: user.username }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ display_name: user?.display_name, roles: user?.roles }}>
        <Form.Item name="display_name" label={t('users.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={required(t('users.roles'))}>
          <Select mode="multiple" data-testid="edit-roles" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

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
  const users = useQuery({
    queryKey: ['users', q, role, page],
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { q: q || undefined, role, page, page_size: 50 } } })),
    placeholderData: keepPreviousData,
  });
  const run = useAction(['users']);
  const endSessions = (u: { id: number; username: string }) =>
    run(async () => {
      const r = unwrap(await api.POST('/api/v1/users/{id}/sessions/revoke', { params: { path: { id: u.id } } }));
      void message.success(t('users.sessionsEnded', { user: u.username, count: r.ended }));
    });
  const setActive = (u: UserRow, active: boolean) =>
    run(async () => {
      unwrap(await api.PUT('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { display_name: u.display_name, roles: u.roles, active } }));
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
