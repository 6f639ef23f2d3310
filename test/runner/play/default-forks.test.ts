import { describe, expect, test } from 'vitest';
import { defaultForks, fileDescriptorLimit, forksForFileLimit } from '../../../runner/play/default-forks.js';

describe('the default number of forks', () => {
  test('works on all hosts a usual file limit can hold, not five', () => {
    expect(forksForFileLimit(1024)).toBe(240);
    expect(forksForFileLimit(65_536)).toBe(16_368);
  });

  test('never drops below one host, even with a tiny file limit', () => {
    expect(forksForFileLimit(10)).toBe(1);
  });

  test("reads this process's open-file limit", () => {
    const limit = fileDescriptorLimit();
    expect(limit).toBeGreaterThan(64);
    expect(defaultForks()).toBe(forksForFileLimit(limit));
  });
});
