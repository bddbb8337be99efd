// A sitting's instants as its organisers read and enter them: in the browser's local time (the
// server stores and sends UTC instants, "2026-12-04T01:00:00Z").
//
//   toInstant(dayjs('2026-12-04 09:00'))         // "2026-12-04T01:00:00Z" at UTC+8
//   formatWindow(s.opens_at, s.closes_at)        // "2026-12-04 09:00 – 12:00"
//   localZone()                                  // "+08:00" (the offset from UTC)
import dayjs, { type Dayjs } from 'dayjs';

// To the minute, without milliseconds (the server takes whole seconds).
export const toInstant = (d: Dayjs) => d.second(0).millisecond(0).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const formatLocal = (iso: string | undefined | null, format = 'YYYY-MM-DD HH:mm') => {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format(format) : iso;
};

// One day's window shows its date once.
export function formatWindow(opens: string, closes: string) {
  const a = dayjs(opens), b = dayjs(closes);
  if (!a.isValid() || !b.isValid()) return `${opens} – ${closes}`;
  return `${a.format('YYYY-MM-DD HH:mm')} – ${b.format(a.isSame(b, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm')}`;
}

export function localZone(offsetMinutes = -new Date().getTimezoneOffset()) {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const m = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
