import { expect, test } from 'vitest';
import { parseRecap } from './recap.js';

test('recap lines are read from a run’s output in order, whitespace normalised, other lines ignored', () => {
  const output = [
    'TASK [x] ***',
    'ok: [web1]',
    'PLAY RECAP *********************************************************************',
    'web1                       : ok=2    changed=1    unreachable=0    failed=0    skipped=3    rescued=0    ignored=1   ',
    'db.example.com             : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0',
    'web1 : ok=2 changed=1',
  ].join('\n');
  expect(parseRecap(output)).toEqual([
    'web1: ok=2 changed=1 unreachable=0 failed=0 skipped=3 rescued=0 ignored=1',
    'db.example.com: ok=0 changed=0 unreachable=1 failed=0 skipped=0 rescued=0 ignored=0',
  ]);
});
