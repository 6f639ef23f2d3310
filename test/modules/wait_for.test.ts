import { describe, expect, test } from 'vitest';
import { waitForModule } from '../../modules/wait_for.js';
import { run } from './support.js';

describe('wait_for in check mode', () => {
  test('is skipped without waiting and reports no change, as Ansible (no check mode support) does', async () => {
    const started = Date.now();
    const result = await run(
      waitForModule,
      { path: '/nonexistent/spindle-never', timeout: 5 },
      { check: true },
    );
    expect(result).toEqual({
      changed: false,
      skipped: true,
      msg: 'remote module (wait_for) does not support check mode',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a real wait that succeeds reports no change', async () => {
    const result = await run(waitForModule, { path: '/', timeout: 5 });
    expect(result).toMatchObject({ changed: false, state: 'started', path: '/' });
    expect(result.failed).toBeUndefined();
  });
});
