import { describe, expect, test } from 'vitest';
import { tour } from '../../docs/examples/hello-bus.js';

describe('the documented examples', () => {
  test('the library tour in docs/library.md runs and prints what the doc says', async () => {
    const seen = await tour(() => {});
    expect(seen).toContain('child runs as "child"');
    expect(seen).toContain('2 + 3 = 5');
    expect(seen).toContain('log from grandchild: adding 2 and 3');
    expect(seen).toContain('the chain stopped at RangeError: out of range');
  });
});
