// The signed-in user: loaded from /auth/me at start, set by the login page.
import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap, type User } from '../../api/client';

export const meQuery = {
  queryKey: ['me'],
  queryFn: async () => {
    const r = await api.GET('/api/v1/auth/me');
    if (r.response.status === 401) return null;
    const s = unwrap(r);
    setCsrfToken(s.csrf_token);
    return s.user;
  },
};

export const useMe = () => useQuery(meQuery);

export const useSignOut = () => {
  const qc = useQueryClient();
  return async () => {
    await api.POST('/api/v1/auth/logout');
    setCsrfToken('');
    qc.clear();
    qc.setQueryData(['me'], null);
  };
};

export const UserContext = createContext<User | null>(null);
export const useUser = () => useContext(UserContext)!;
export const hasRole = (u: User | null, ...roles: User['roles']) => !!u && u.roles.some((r) => roles.includes(r));
