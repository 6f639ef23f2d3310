import { describe, expect, test } from 'vitest';
import { pauseModule } from '../../modules/pause.js';
import { run } from './support.js';

describe('pause', () => {
  test('waits in check mode too and reports no change, as Ansible does', async () => {
    const started = Date.now();
    const result = await run(pauseModule, { seconds: 0.3 }, { check: true });
    expect(result).toMatchObject({ changed: false, stdout: 'Paused for 0.3 seconds' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('reports no change on a real run', async () => {
    expect(await run(pauseModule, { seconds: 0 })).toMatchObject({ changed: false });
  });
});
