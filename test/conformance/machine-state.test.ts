import { describe, expect, test } from 'vitest';
import { resetCommands } from './machine-state.js';

describe('machine state between conformance runs', () => {
  test('the user target gets its local account and group removed before each run; other targets nothing', () => {
    expect(resetCommands('user')).toEqual([
      ['userdel', '-r', 'local_ansibulluser'],
      ['groupdel', 'local_ansibulluser'],
    ]);
    expect(resetCommands('file')).toEqual([]);
  });
});
