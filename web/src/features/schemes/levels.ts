// The default scheme's level labels by rank, in the UI language (empty until the scheme arrives).
//
//   const levels = useLevelLabels();   levels.get(rank) ?? rank
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useScheme, useSchemes } from './api';

export function useLevelLabels() {
  const { i18n } = useTranslation();
  const schemes = useSchemes();
  const def = schemes.data?.items.find((s) => s.is_default);
  const scheme = useScheme(def?.id ?? 0);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return useMemo(() => {
    const m = new Map<number, string>();
    for (const l of scheme.data?.levels ?? []) m.set(l.rank, l.label[lang]);
    return m;
  }, [scheme.data, lang]);
}
