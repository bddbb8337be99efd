// The signed-in session: loaded from /auth/me at start, replaced by every answer that carries a new
// one (sign-in, password change, second factor on or off). The cache under ['me'] holds the whole
// Session (user plus the must_change_password / mfa flags), or null when signed out.
//
//   const session = useSession().data;   // Session | null | undefined while loading
//   const setSession = useSetSession();   // after any call that answers a Session
import { createContext, useContext } from 'react';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap, type Body, type Session, type User } from '../../api/client';
import { setUtcOffset } from '../format';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Session | null> => {
    const r = await api.GET('/api/v1/auth/me');
    if (r.response.status === 401) return null;
    const s = unwrap(r);
    setCsrfToken(s.csrf_token);
    setUtcOffset(s.utc_offset_minutes);
    return s;
  },
});

export const useSession = () => useQuery(meQuery);
// The signed-in user alone (null when signed out).
export const useMe = () => useQuery({ ...meQuery, select: (s) => s?.user ?? null });

// Signing in answers the Session (for useSetSession), or a problem: a second factor is needed, or the code was wrong.
export const signIn = async (body: Body<'login'>) => unwrap(await api.POST('/api/v1/auth/login', { body }));

export function setSession(qc: QueryClient, s: Session) {
  setCsrfToken(s.csrf_token);
  setUtcOffset(s.utc_offset_minutes);
  qc.setQueryData(meQuery.queryKey, s);
}

export const useSetSession = () => {
  const qc = useQueryClient();
  return (s: Session) => setSession(qc, s);
};

// A query answered 401 (the session was ended elsewhere, or expired) or 403 for a step the account
// must take first: read the session again, so that the app shows the sign-in or that step.
export function onQueryError(qc: QueryClient, e: unknown) {
  if (!(e instanceof ApiError)) return;
  if (e.status !== 401 && e.problem.code !== 'auth.password_change_required' && e.problem.code !== 'auth.mfa_enrolment_required') return;
  void qc.invalidateQueries({ queryKey: meQuery.queryKey }).then(() => {
    if (qc.getQueryData(meQuery.queryKey) !== null) return;
    qc.clear(); // signed out: nothing of the last user stays in the cache
    qc.setQueryData(meQuery.queryKey, null);
  });
}

export const useSignOut = () => {
  const qc = useQueryClient();
  return async () => {
    await api.POST('/api/v1/auth/logout');
    setCsrfToken('');
    qc.clear();
    qc.setQueryData(meQuery.queryKey, null);
  };
};

export const UserContext = createContext<User | null>(null);
export const useUser = () => useContext(UserContext)!;
export const hasRole = (u: User | null, ...roles: User['roles']) => !!u && u.roles.some((r) => roles.includes(r));
