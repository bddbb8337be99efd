// How people read the machine's values: times in the configured zone, scores with two decimals,
// names in pinyin order.
//
//   formatTime('2026-12-01T19:34:23Z')   // "2026-12-02 03:34" with the zone at UTC+8
//   formatScore(77)                      // "77.00"
//   rows.sort((a, b) => byName(a.name, b.name))

let utcOffsetMinutes = 480;
// Set from the session: the server's configured zone (Asia/Shanghai by default).
export function setUtcOffset(minutes: number | undefined) {
  if (typeof minutes === 'number' && Number.isFinite(minutes)) utcOffsetMinutes = minutes;
}

// A UTC timestamp from the server ("2026-05-01T08:30:00Z", or without the zone) as "YYYY-MM-DD HH:mm"
// in the configured zone; the text as it came when it is not a time.
export function formatTime(s: string | undefined | null, offset = utcOffsetMinutes): string {
  if (!s) return '—';
  const iso = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return s;
  return new Date(ms + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

// A score (0–100) with the same two decimals everywhere; '—' when there is none.
export function formatScore(v: number | string | undefined | null): string {
  if (v === undefined || v === null || v === '') return '—';
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n.toFixed(2) : String(v);
}

// Chinese names in pinyin order (the browser's collation), others alphabetically.
const collator = new Intl.Collator('zh-CN-u-co-pinyin', { sensitivity: 'base', numeric: true });
export const byName = (a: string, b: string) => collator.compare(a, b);
