import { expect, test } from 'vitest';
import { diffImages, lastKey } from './diff';

test('only changed paths are rows, nested values are flattened, lists are joined', () => {
  const rows = diffImages('{"status":"public_notice","levels":[{"monthly_allowance":200},{"monthly_allowance":500}]}', '{"status":"appeal","reason":"无异议","levels":[{"monthly_allowance":200},{"monthly_allowance":600}],"roles":["hr","auditor"]}');
  expect(rows).toEqual([
    { path: 'status', before: 'public_notice', after: 'appeal' },
    { path: 'levels[1].monthly_allowance', before: '500', after: '600' },
    { path: 'reason', before: undefined, after: '无异议' },
    { path: 'roles', before: undefined, after: 'hr、auditor' },
  ]);
  expect(lastKey('levels[1].monthly_allowance')).toBe('monthly_allowance');
  expect(lastKey('product_lines[0]')).toBe('product_lines');
});

test('an image that is not JSON is shown as it is; empty images give no rows', () => {
  expect(diffImages('', 'plain text')).toEqual([{ path: '', before: undefined, after: 'plain text' }]);
  expect(diffImages('{}', '{}')).toEqual([]);
});
