import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExtraVars } from '../../../dsl/vars/extra-vars.js';

describe('-e values', () => {
  it('reads an inline mapping as PyYAML does: 1e3 stays text, yes is true, 1.5 a float', () => {
    expect(parseExtraVars(['{"a": 1e3, "b": yes, "c": 1.5, "d": 1.0e+3}'], '/')).toEqual({
      a: '1e3',
      b: true,
      c: 1.5,
      d: 1000,
    });
  });

  it('reads an @file with the same rules and names the file when its YAML is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spindle-extra-vars-'));
    try {
      writeFileSync(join(dir, 'good.yml'), 'version: 1e3\nflag: on\n');
      writeFileSync(join(dir, 'bad.yml'), 'a: [1\n');
      expect(parseExtraVars(['@good.yml'], dir)).toEqual({ version: '1e3', flag: true });
      expect(() => parseExtraVars(['@bad.yml'], dir)).toThrow(`${join(dir, 'bad.yml')}:`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
