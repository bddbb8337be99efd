// An audit record's before/after images as rows of a readable diff: nested JSON flattened to paths
// ("levels[1].monthly_allowance"), each changed path once, labelled by its last name.
//
//   diffImages('{"status":"application"}', '{"status":"eligibility_review","reason":""}')
//   // [{ path: 'status', before: 'application', after: 'eligibility_review' }]

export type DiffRow = { path: string; before?: string; after?: string };

function flatten(v: unknown, prefix: string, out: Map<string, string>) {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) out.set(prefix, v.map(String).join('、'));
    else v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, v === null ? '' : String(v));
}

function parse(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object') flatten(v, '', out);
    else out.set('', String(v));
  } catch {
    out.set('', text);
  }
  return out;
}

export function diffImages(before: string, after: string): DiffRow[] {
  const a = parse(before);
  const b = parse(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p) && (a.get(p) ?? '') + (b.get(p) ?? '') !== '')
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

// The name a path is labelled by: its last key without indexes ("levels[1].monthly_allowance" → "monthly_allowance").
export const lastKey = (path: string) => path.split('.').pop()!.replace(/\[\d+\]$/, '');
