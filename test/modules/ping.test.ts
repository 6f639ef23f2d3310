import { describe, expect, test } from 'vitest';
import { pingModule } from '../../modules/ping.js';
import { run } from './support.js';

describe('ping answers like Ansible’s', () => {
  test('returns pong, or the data it was given, unchanged', async () => {
    expect(await run(pingModule, {})).toMatchObject({ changed: false, ping: 'pong' });
    expect(await run(pingModule, { data: 'testing' })).toMatchObject({ ping: 'testing' });
  });

  test('data=crash fails as a module failure whose output names Exception: boom', async () => {
    const result = await run(pingModule, { data: 'crash' });
    expect(result).toMatchObject({ failed: true, changed: false, rc: 1 });
    expect(result.msg).toBe('MODULE FAILURE\nSee stdout/stderr for the exact error');
    expect(`${result.module_stdout}${result.module_stderr}`).toContain('Exception: boom');
  });
});
