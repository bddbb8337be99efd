// The signed-in user's own account: password, second factor (TOTP) and active sessions.
// Every call that answers a Session is followed by useSetSession() at its caller.
//
//   const sessions = useOwnSessions();
//   const { secret, otpauth_uri } = await setupMfa();   const r = await confirmMfa('123456');
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const changePassword = async (body: { current_password: string; new_password: string }) =>
  unwrap(await api.POST('/api/v1/auth/password', { body }));

export const setupMfa = async () => unwrap(await api.POST('/api/v1/auth/mfa/setup'));
export type MfaSetup = Awaited<ReturnType<typeof setupMfa>>;

export const confirmMfa = async (code: string) => unwrap(await api.POST('/api/v1/auth/mfa/confirm', { body: { code } }));
export type MfaConfirmed = Awaited<ReturnType<typeof confirmMfa>>;

export const disableMfa = async (password: string) => unwrap(await api.POST('/api/v1/auth/mfa/disable', { body: { password } }));

export const ownSessionsQuery = () =>
  queryOptions({ queryKey: ['account', 'sessions'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/sessions')) });
export const useOwnSessions = () => useQuery(ownSessionsQuery());

export const endOwnSession = async (id: number) => unwrap(await api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));
