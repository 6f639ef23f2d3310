import { describe, expect, test } from 'vitest';
import { failResult } from '../../modules/task-result.js';

describe('failure results have one constructor', () => {
  test('a failure is unchanged and failed, with its message', () => {
    expect(failResult('copy: /etc/x: permission denied')).toEqual({
      changed: false,
      failed: true,
      msg: 'copy: /etc/x: permission denied',
    });
  });

  test("a module's details join the failure and may carry its own return values", () => {
    expect(failResult('non-zero return code', { rc: 2, stderr: 'boom' })).toEqual({
      changed: false,
      failed: true,
      msg: 'non-zero return code',
      rc: 2,
      stderr: 'boom',
    });
  });
});
