import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { startSshd, type TestSshd } from '../e2e/support/sshd.js';
import { inventoryFile, type RunFigures, reportRuns, runOnce } from './play.js';
import { median, report } from './report.js';

const HOSTS = 10;
const MITOGEN_STRATEGIES = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';

/** Runs ansible-playbook with Mitogen's `mitogen_linear` strategy; wall time and the recap's changed count. */
function ansibleMitogen(playbook: string, inventory: string): { wallS: number; changed: number } {
  const started = performance.now();
  const child = spawnSync('/usr/bin/ansible-playbook', [playbook, '-i', inventory], {
    encoding: 'utf8',
    timeout: 900_000,
    maxBuffer: 64 << 20,
    env: {
      ...process.env,
      ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGIES,
      ANSIBLE_STRATEGY: 'mitogen_linear',
      ANSIBLE_HOST_KEY_CHECKING: 'False',
      ANSIBLE_FORKS: String(HOSTS),
      ANSIBLE_NOCOLOR: '1',
    },
  });
  const wallS = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(`ansible-playbook failed (${child.status}): ${child.stdout.slice(-3000)}`);
  const changed = [...child.stdout.matchAll(/changed=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { wallS, changed };
}

/**
 * `python_module.*`: ../shared/bench/ini100.yml (100 community.general.ini_file items per host, Ansible's own
 * module run through Python) on 10 sshd hosts, cold (fresh target dir) and second run (changed=0), next to
 * Ansible+Mitogen's time for the same playbook on the same hosts in the same run. Spindle: median of 3;
 * Ansible+Mitogen: one cold and one second run (each takes tens of seconds).
 */
export async function benchPythonModule(): Promise<void> {
  const playbook = join(packageRoot(), '..', 'shared', 'bench', 'ini100.yml');
  const dir = mkdtempSync(join(tmpdir(), 'spindle-bench-py-'));
  const servers: TestSshd[] = [await startSshd()];
  try {
    for (let i = 1; i < HOSTS; i++) servers.push(await startSshd({ clientKey: servers[0].clientKey }));
    const inventory = inventoryFile(dir, servers);
    const cold: RunFigures[] = [];
    const idem: RunFigures[] = [];
    for (let i = 0; i < 3; i++) {
      rmSync('/tmp/bench-target', { recursive: true, force: true });
      cold.push(runOnce(playbook, inventory));
      idem.push(runOnce(playbook, inventory));
    }
    if (idem.some((r) => r.exitCode !== 0 || Object.values(r.stats).some((s) => s.changed !== 0)))
      throw new Error(
        `python_module: the second ini100 run failed or reported changes: ${JSON.stringify(idem.map((r) => [r.exitCode, r.stats]))}`,
      );
    reportRuns(`python_module.ini100_${HOSTS}h`, cold);
    reportRuns(`python_module.ini100_${HOSTS}h_idem`, idem);
    rmSync('/tmp/bench-target', { recursive: true, force: true });
    if (!existsSync('/usr/bin/ansible-playbook') || !existsSync(MITOGEN_STRATEGIES)) {
      process.stderr.write(
        'python_module: ansible-core or ansible-mitogen is not installed: no comparison\n',
      );
      return;
    }
    const mitogenCold = ansibleMitogen(playbook, inventory);
    const mitogenIdem = ansibleMitogen(playbook, inventory);
    if (mitogenIdem.changed !== 0)
      throw new Error('python_module: Ansible+Mitogen changed things on its second run');
    report(`python_module.ansible_mitogen.ini100_${HOSTS}h_s`, mitogenCold.wallS, 's');
    report(`python_module.ansible_mitogen.ini100_${HOSTS}h_idem_s`, mitogenIdem.wallS, 's');
    report(
      `python_module.ini100_${HOSTS}h_vs_mitogen`,
      median(cold.map((r) => r.wallS)) / mitogenCold.wallS,
      'ratio',
    );
    report(
      `python_module.ini100_${HOSTS}h_idem_vs_mitogen`,
      median(idem.map((r) => r.wallS)) / mitogenIdem.wallS,
      'ratio',
    );
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync('/tmp/bench-target', { recursive: true, force: true });
  }
}
