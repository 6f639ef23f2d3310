import { describe, expect, test } from 'vitest';
import { encodeText } from '../../../runner/actions/output-encoding.js';

describe('output encodings', () => {
  test('windows-1252 writes the euro sign and accented letters as single bytes', () => {
    expect([...encodeText('€é‚', 'windows-1252')]).toEqual([0x80, 0xe9, 0x82]);
    expect([...encodeText('€', 'cp1252')]).toEqual([0x80]);
  });

  test('UTF-8 is the default spelling and other code pages come from the runtime', () => {
    expect(encodeText('é', 'utf-8').toString('hex')).toBe('c3a9');
    expect([...encodeText('€', 'iso-8859-15')]).toEqual([0xa4]);
    expect([...encodeText('hé', 'latin-1')]).toEqual([0x68, 0xe9]);
  });

  test('a character the encoding lacks, and an unknown encoding, fail as Python does', () => {
    expect(() => encodeText('a€', 'latin-1')).toThrow(
      "'latin-1' codec can't encode character '\\u20ac' in position 1",
    );
    expect(() => encodeText('a', 'no-such-codec')).toThrow('unknown encoding: no-such-codec');
  });
});
