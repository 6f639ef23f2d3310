import { describe, expect, test } from 'vitest';
import { shownDiff } from '../../../runner/play/shown-diff.js';

describe('the diff a result shows', () => {
  test("turns Ansible's diff, one or a list, into entries, and keeps Spindle's own", () => {
    expect(
      shownDiff({ before: 'a\n', after: 'b\n', before_header: '/etc/x', after_header: '/etc/x' }),
    ).toEqual([{ path: '/etc/x', before: 'a\n', after: 'b\n', kind: 'content' }]);
    expect(shownDiff([{ before: { name: 'UTC' }, after: { name: 'Europe/Paris' } }])?.[0]).toMatchObject({
      kind: 'content',
      before: '{\n    "name": "UTC"\n}\n',
    });
    const own = { path: '/x', before: 'mode 0644', after: 'mode 0600', kind: 'attributes' as const };
    expect(shownDiff([own])).toEqual([own]);
  });

  test('shows nothing for a diff without before or after', () => {
    expect(shownDiff({ prepared: 'x' })).toBeUndefined();
    expect(shownDiff(undefined)).toBeUndefined();
    expect(shownDiff({ before: { path: '/x' }, after: { path: '/x' } })).toBeUndefined();
  });
});
