// Certificates: an engineer's (issued by cycles), and the valid ones running out within some days.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const useCertificates = (id: number) =>
  useQuery({
    queryKey: ['engineers', id, 'certificates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/certificates', { params: { path: { id } } })),
  });

export const useExpiringCertificates = (days: number) =>
  useQuery({
    queryKey: ['certificates', 'expiring', days],
    queryFn: async () => unwrap(await api.GET('/api/v1/certificates/expiring', { params: { query: { days } } })),
  });
