// Accounts (administrators): the list by search, role and page; adding one, editing name, roles and
// active state, setting a password, and ending an account's sessions. Callers invalidate ['users'].
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Body } from '../../api/client';

export const ROLES = ['admin', 'hr', 'examiner', 'committee', 'manager', 'engineer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export type UserRow = { id: number; username: string; display_name: string; roles: string[]; active?: boolean };
export type NewUser = { username: string; display_name?: string; password: string; roles: Role[]; engineer_no?: string; org_unit?: string };

export const useUsers = (q: string, role: Role | undefined, page: number) =>
  useQuery({
    queryKey: ['users', q, role, page],
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { q: q || undefined, role, page, page_size: 50 } } })),
    placeholderData: keepPreviousData,
  });

export const createUser = async (v: NewUser) =>
  unwrap(await api.POST('/api/v1/users', { body: { ...v, display_name: v.display_name ?? '', engineer_no: v.engineer_no ?? '', org_unit: v.org_unit ?? '' } }));

// Disabling an account (active: false) signs it out everywhere.
export const updateUser = async (id: number, body: Body<'updateUser'>) => unwrap(await api.PUT('/api/v1/users/{id}', { params: { path: { id } }, body }));

export const setUserPassword = async (id: number, body: Body<'setPassword'>) => unwrap(await api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body }));

export const endUserSessions = async (id: number) => unwrap(await api.POST('/api/v1/users/{id}/sessions/revoke', { params: { path: { id } } }));
