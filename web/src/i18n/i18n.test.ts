// Both languages hold the same keys (an English plural pair stands for the one Chinese key), and
// English counts agree with their number.
import { describe, expect, test } from 'vitest';
import i18n from './index';
import zh from './zh';
import en from './en';

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translations', () => {
  test('every key is in both languages', () => {
    const z = new Set(keys(zh as Tree).map(base));
    const e = new Set(keys(en as Tree).map(base));
    expect([...z].filter((k) => !e.has(k))).toEqual([]);
    expect([...e].filter((k) => !z.has(k))).toEqual([]);
  });

  test('an English key with a count has both the singular and the plural', () => {
    const all = keys(en as Tree);
    for (const k of all.filter((x) => x.endsWith('_one'))) expect(all).toContain(k.replace(/_one$/, '_other'));
    for (const k of all.filter((x) => !/_(one|other)$/.test(x))) {
      const v = k.split('.').reduce<Tree | string>((t, p) => (t as Tree)[p], en as Tree) as string;
      expect(v, k).not.toMatch(/\(s\)/);
    }
  });

  test('counts read as people write them', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('engineers.importFailed', { count: 1 })).toBe('The file has 1 error; nothing was imported');
    expect(i18n.t('engineers.importFailed', { count: 3 })).toBe('The file has 3 errors; nothing was imported');
    expect(i18n.t('engineers.years', { count: 1 })).toBe('1 year');
    expect(i18n.t('engineers.years', { count: 6.2 })).toBe('6.2 years');
    await i18n.changeLanguage('zh');
    expect(i18n.t('engineers.importFailed', { count: 1 })).toBe('文件有 1 处错误，未导入任何数据');
  });
});
