import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A target laid out in a fresh temp folder as ansible-test lays it out, and what to run there: its runme.sh, or
 * the generated playbook of a role target.
 */
export interface Sandbox {
  readonly root: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly run: { readonly script: string } | { readonly playbookArgs: readonly string[] };
}

/** What kind of target it is, or why it cannot be run by this runner. */
export type TargetShape =
  | { readonly kind: 'role' | 'runme'; readonly ok: true }
  | { readonly kind: 'role' | 'runme' | 'missing'; readonly ok: false; readonly reason: string };

/** Classifies a target folder: a runme.sh script, a role (tasks/), or neither. */
export function targetShape(targets: string, name: string): TargetShape {
  const dir = join(targets, name);
  if (!existsSync(dir)) return { kind: 'missing', ok: false, reason: 'no such target' };
  if (existsSync(join(dir, 'runme.sh'))) return { kind: 'runme', ok: true };
  if (existsSync(join(dir, 'tasks'))) return { kind: 'role', ok: true };
  return { kind: 'missing', ok: false, reason: 'neither runme.sh nor tasks/' };
}

/** The locale ansible-test runs every command in (`LC_ALL`); the runner compiles it when the system lacks it. */
export const standardLocale = 'en_US.UTF-8';

function pythonVersion(python: string): string {
  return execFileSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    encoding: 'utf8',
  }).trim();
}

/** Builds the temp layout `ROOT/integration/{inventory,targets/*}` (the target copied, the others linked) and the runs. */
export function makeSandbox(targets: string, name: string, python: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `conformance-${name}-`));
  const integration = join(root, 'integration');
  const targetsDir = join(integration, 'targets');
  mkdirSync(targetsDir, { recursive: true });
  for (const entry of readdirSync(targets)) {
    if (entry === name) cpSync(join(targets, entry), join(targetsDir, entry), { recursive: true });
    else symlinkSync(join(targets, entry), join(targetsDir, entry));
  }
  const outputDir = join(root, 'output_dir');
  const remoteTmp = join(root, 'remote_tmp');
  mkdirSync(outputDir);
  mkdirSync(remoteTmp);
  const inventory = join(integration, 'inventory');
  writeFileSync(
    inventory,
    `[testgroup]\ntesthost ansible_connection=local ansible_pipelining=yes ansible_python_interpreter=${python}\n`,
  );
  const config = join(root, 'ansible.cfg');
  writeFileSync(config, '[defaults]\n');
  const env: Record<string, string> = {
    ANSIBLE_CONFIG: config,
    ANSIBLE_INVENTORY: inventory,
    ANSIBLE_FORCE_HANDLERS: 'true',
    ANSIBLE_HOST_PATTERN_MISMATCH: 'error',
    ANSIBLE_DEPRECATION_WARNINGS: 'false',
    ANSIBLE_HOST_KEY_CHECKING: 'false',
    ANSIBLE_RETRY_FILES_ENABLED: 'false',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_DEVEL_WARNING: 'false',
    OUTPUT_DIR: outputDir,
    INVENTORY_PATH: inventory,
    LC_ALL: standardLocale,
  };
  const dir = join(targetsDir, name);
  if (existsSync(join(dir, 'runme.sh'))) {
    return {
      root,
      cwd: dir,
      env: {
        ...env,
        ANSIBLE_PLAYBOOK_DIR: dir,
        PAGER: '/bin/cat',
        ANSIBLE_TEST_PYTHON_INTERPRETER: python,
        ANSIBLE_TEST_PYTHON_VERSION: pythonVersion(python),
      },
      run: { script: join(dir, 'runme.sh') },
    };
  }
  const aliases = existsSync(join(dir, 'aliases')) ? readFileSync(join(dir, 'aliases'), 'utf8') : '';
  const gatherFacts = !/^gather_facts\/no\/?$/m.test(aliases);
  const playbook = join(integration, `${name}-test.yml`);
  const play = {
    hosts: 'testhost',
    gather_facts: gatherFacts,
    vars: { output_dir: outputDir, remote_tmp_dir: remoteTmp },
    roles: [name],
  };
  writeFileSync(playbook, JSON.stringify([play], null, 2) + '\n');
  return {
    root,
    cwd: integration,
    env: { ...env, ANSIBLE_ROLES_PATH: targetsDir, ANSIBLE_PLAYBOOK_DIR: integration },
    run: { playbookArgs: [playbook, '-i', inventory] },
  };
}
