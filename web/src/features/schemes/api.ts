import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const schemesQuery = () =>
  queryOptions({ queryKey: ['schemes'], queryFn: async () => unwrap(await api.GET('/api/v1/schemes')) });
export const useSchemes = () => useQuery(schemesQuery());

export const schemeQuery = (id: number, version?: number) =>
  queryOptions({
    queryKey: ['schemes', id, version ?? 0],
    queryFn: async () => unwrap(await api.GET('/api/v1/schemes/{id}', { params: { path: { id }, query: version ? { version } : {} } })),
  });
// An id of 0 means "not known yet" (the default scheme before the list arrives): nothing is requested.
export const useScheme = (id: number, version?: number) => useQuery({ ...schemeQuery(id, version), enabled: id > 0 });

export const useSchemeDiff = (id: number, from?: number, to?: number) =>
  useQuery({
    queryKey: ['schemes', id, 'diff', from, to],
    enabled: !!from && !!to,
    queryFn: async () => unwrap(await api.GET('/api/v1/schemes/{id}/diff', { params: { path: { id }, query: { from: from!, to: to! } } })),
  });

export const importScheme = async (text: string, fileName: string) =>
  unwrap(
    await api.POST('/api/v1/schemes', {
      params: { query: { file_name: fileName } },
      body: text,
      bodySerializer: (b: unknown) => b as string,
      headers: { 'Content-Type': 'application/toml' },
    }),
  );

// After an import or an edit: the list and every scheme's versions are read again.
export const useRefreshSchemes = () => {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['schemes'] });
};

// A version's TOML source: as a download link, and as text for the editor.
export const schemeExportUrl = (id: number, version: number) => `/api/v1/schemes/${id}/export.toml?version=${version}`;
export const fetchSchemeSource = async (id: number, version: number) => (await fetch(schemeExportUrl(id, version))).text();
