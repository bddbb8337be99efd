// A list's page and small filters kept in the URL: they survive a visit to a profile and back,
// and a link shares them. Values are taken from the URL only when they are well formed.
import { useSearchParams } from 'react-router-dom';

export function useUrlNumber(key: string, fallback: number, allowed?: readonly number[]): [number, (v: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(key) ?? '';
  const n = /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : fallback;
  const value = allowed && !allowed.includes(n) ? fallback : n;
  const set = (v: number) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v === fallback) next.delete(key);
        else next.set(key, String(v));
        return next;
      },
      { replace: true },
    );
  return [value, set];
}

// Table pagination whose page lives in the URL under `key`.
export function useUrlPage(key: string, pageSize = 20) {
  const [page, setPage] = useUrlNumber(key, 1);
  return { current: page, pageSize, hideOnSinglePage: true, showSizeChanger: false, onChange: (p: number) => setPage(p) };
}
