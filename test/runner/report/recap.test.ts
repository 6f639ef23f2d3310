import { describe, expect, it } from 'vitest';
import { makePalette } from '../../../runner/report/palette.js';
import { emptyStats, recapLine, recapLines } from '../../../runner/report/recap.js';

describe('recap', () => {
  it('prints a host line in Ansible’s exact column layout, trailing spaces included', () => {
    const line = recapLine('localhost', { ...emptyStats(), ok: 3, changed: 1 });
    expect(line).toBe(
      'localhost                  : ok=3    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ',
    );
  });

  it('keeps long host names and large counts whole instead of truncating them', () => {
    const line = recapLine('a-very-long-host-name.example.internal', { ...emptyStats(), ok: 12345 });
    expect(line.startsWith('a-very-long-host-name.example.internal : ok=12345 changed=0    ')).toBe(true);
  });

  it('sorts hosts by name', () => {
    const lines = recapLines({ web2: emptyStats(), db1: emptyStats(), web1: emptyStats() });
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['db1', 'web1', 'web2']);
  });

  it('colours without changing the visible layout', () => {
    const stats = { ...emptyStats(), ok: 1, failed: 2 };
    const coloured = recapLine('h', stats, makePalette(1));
    expect(coloured).not.toBe(recapLine('h', stats));
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(recapLine('h', stats));
  });
});
