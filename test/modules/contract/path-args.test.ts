import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runModule } from '../../../modules/contract/run-module.js';
import { copyModule } from '../../../modules/copy/copy.js';
import { statModule } from '../../../modules/stat.js';
import { testEnv } from '../support.js';

describe("arguments of Ansible's type path", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('are expanded on the host ($VARS with the task environment, then ~), as AnsibleModule does', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-path-'));
    writeFileSync(join(dir, 'keys'), 'k\n');
    const env = { ...testEnv(), environment: { SPINDLE_DIR: dir } };
    const copied = await runModule(
      copyModule,
      { src: '$SPINDLE_DIR/keys', dest: ['$', '{SPINDLE_DIR}/copy'].join(''), remote_src: true },
      env,
    );
    expect(copied).toMatchObject({ changed: true, dest: join(dir, 'copy') });
    expect(readFileSync(join(dir, 'copy'), 'utf8')).toBe('k\n');
    const stat = await runModule(statModule, { path: '$SPINDLE_DIR/copy' }, env);
    expect(stat).toMatchObject({ stat: { exists: true, path: join(dir, 'copy') } });
    const missing = await runModule(
      copyModule,
      { src: '$SPINDLE_DIR/none', dest: '/x', remote_src: true },
      env,
    );
    expect(missing).toMatchObject({ failed: true, msg: `Source ${join(dir, 'none')} not found` });
    const unset = await runModule(statModule, { path: '$SPINDLE_UNSET_VAR/copy' }, env);
    expect(unset).toMatchObject({ stat: { exists: false } });
  });
});
