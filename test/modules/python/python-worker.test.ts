import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveAnsibleModule } from '../../../dsl/ansible/resolve.js';
import { moduleJson } from '../../../modules/python/ansible-module.js';
import { discoverPython, PythonWorker } from '../../../modules/python/python-worker.js';
import { withAnsibleConventions } from '../../../runner/ansible/ansible-args.js';
import { buildPayload } from '../../../runner/ansible/payload.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'ansible');
const script = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'modules', 'python', 'worker.py'),
  'utf8',
);
const workers: PythonWorker[] = [];

afterAll(() => {
  for (const w of workers) w.close();
});

const settings = { module: 'greet', check: false, diff: false, noLog: false, verbosity: 0 };

describe('the persistent Python worker', () => {
  test('runs a module many times in one process, each call with its own arguments, warnings and exit', async () => {
    const python = discoverPython();
    expect(python).toBeDefined();
    const worker = new PythonWorker(python!, script);
    workers.push(worker);
    const payload = buildPayload(
      resolveAnsibleModule('greet', fixtures, join(fixtures, 'roles', 'greeter'))!,
      fixtures,
    );
    await worker.request({ op: 'load', ...payload });
    for (const name of ['ada', 'bob']) {
      const reply = await worker.request({
        op: 'run',
        hash: payload.hash,
        args: withAnsibleConventions({ name }, settings),
        environment: { SPINDLE_PY_TEST: name },
      });
      expect(reply.rc).toBe(0);
      expect(moduleJson(reply.stdout!)).toMatchObject({
        greeting: `hello ${name}`,
        env_value: name,
        warnings: [`greeted ${name}`],
      });
    }
    // A module that fails its argument checks exits 1 with Ansible's JSON, and the worker carries on.
    const bad = await worker.request({
      op: 'run',
      hash: payload.hash,
      args: withAnsibleConventions({}, settings),
    });
    expect(bad.rc).toBe(1);
    expect(moduleJson(bad.stdout!)).toMatchObject({ failed: true, msg: 'missing required arguments: name' });
  }, 60_000);
});
