// The home page's summary of what waits for the signed-in user's roles.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const useHome = () => useQuery({ queryKey: ['home'], queryFn: async () => unwrap(await api.GET('/api/v1/home')) });
