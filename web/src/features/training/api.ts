// Training: the course catalogue of every scheme (the training import accepts only these codes), and
// an engineer's training records.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const useCourses = () => useQuery({ queryKey: ['courses'], queryFn: async () => unwrap(await api.GET('/api/v1/courses')) });

export const useTraining = (id: number) =>
  useQuery({
    queryKey: ['engineers', id, 'training'],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/training', { params: { path: { id } } })),
  });
