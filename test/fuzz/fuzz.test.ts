import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { targets } from './targets.js';

// `npm run fuzz` runs FUZZ_COUNT inputs per target (default 100,000); the test suite a short run of 300.
const count = Number(process.env.FUZZ_COUNT ?? (process.env.npm_lifecycle_event === 'fuzz' ? 100_000 : 300));

describe('fuzzing', () => {
  for (const target of targets) {
    test(`the ${target.name} throws nothing but its documented error for ${count} generated inputs`, () => {
      fc.assert(
        fc.property(target.input, (value) => {
          try {
            target.run(value);
          } catch (error) {
            if (!target.expected(error)) throw error;
          }
        }),
        { numRuns: count },
      );
      expect(count).toBeGreaterThan(0);
    });
  }
});
