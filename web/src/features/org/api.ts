// The organisation's units (company, regions, centres, teams) as the flat, id-ordered list, and
// adding one. Pickers and views take the list as trees from ./tree.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const useOrgUnits = () =>
  useQuery({ queryKey: ['org-units'], queryFn: async () => unwrap(await api.GET('/api/v1/org-units')), staleTime: 60_000 });

export type NewUnit = { parent?: string; code: string; name: string; kind: 'company' | 'region' | 'center' | 'team'; manager?: string };

export const createOrgUnit = async (v: NewUnit) => unwrap(await api.POST('/api/v1/org-units', { body: { ...v, parent: v.parent ?? '', manager: v.manager ?? '' } }));
