// Product lines as data: engineers carry the Chinese name; each line has a label in both languages.
//
//   const lines = useProductLines();
//   lines.label('冰箱')        // "Refrigerators" in English mode
//   lines.join(['冰箱', '洗衣机'])  // "冰箱、洗衣机" / "Refrigerators, Washing machines"
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

export function useProductLines() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const lines = useQuery({ queryKey: ['product-lines'], staleTime: 600_000, queryFn: async () => unwrap(await api.GET('/api/v1/product-lines')) });
  return useMemo(() => {
    const byName = new Map((lines.data?.items ?? []).map((l) => [l.name, l.label[lang] || l.name]));
    const label = (name: string) => byName.get(name) ?? name;
    return {
      names: (lines.data?.items ?? []).map((l) => l.name),
      options: (lines.data?.items ?? []).map((l) => ({ value: l.name, label: label(l.name) })),
      label,
      join: (names: string[]) => names.map(label).join(lang === 'en' ? ', ' : '、'),
    };
  }, [lines.data, lang]);
}
