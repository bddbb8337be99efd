// The audit log: a page of records by filter, the actions that occur (for the filter), the latest
// records (home page) and the check of the hash chain.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export type AuditFilter = { entity?: string; entity_id?: string; actor?: string; action?: string; from?: string; to?: string };

export const useAudit = (page: number, pageSize: number, query: AuditFilter) =>
  useQuery({
    queryKey: ['audit', page, pageSize, query],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/audit', { params: { query: { page, page_size: pageSize, ...query } } })),
  });

export const useAuditActions = () => useQuery({ queryKey: ['audit', 'actions'], queryFn: async () => unwrap(await api.GET('/api/v1/audit/actions')) });

export const useRecentAudit = () => useQuery({ queryKey: ['audit', 'recent'], queryFn: async () => unwrap(await api.GET('/api/v1/audit', { params: { query: { page_size: 8 } } })) });

export const verifyAuditChain = async () => unwrap(await api.GET('/api/v1/audit/verify'));
