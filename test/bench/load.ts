// `npm run bench:load` (issue 13): the reference workload on 200 sshd hosts on 127.0.0.1 with default
// settings (forks = all hosts, default timeouts), at 50, 100 and 200 hosts. OpenSSH listens on at most 16
// sockets per server, so one sshd serves 16 ports. Prints JSON lines: hosts ok and unreachable, wall time,
// controller peak RSS and wall time per host for each size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { freePort, startSshd, type TestSshd } from '../e2e/support/sshd.js';
import { report } from './report.js';

const PORTS_PER_SSHD = 16;
const SIZES = (process.env.SPINDLE_LOAD_SIZES ?? '50,100,200').split(',').map(Number);
const MAX_HOSTS = Math.max(...SIZES);

interface Endpoint {
  port: number;
  knownHostsLine: string;
}

/** Starts enough sshd servers for `hosts` ports, sharing one client key. */
async function startServers(hosts: number): Promise<{ servers: TestSshd[]; endpoints: Endpoint[] }> {
  const servers: TestSshd[] = [];
  const endpoints: Endpoint[] = [];
  while (endpoints.length < hosts) {
    const extra: number[] = [];
    for (let i = 1; i < PORTS_PER_SSHD && endpoints.length + 1 + extra.length < hosts; i++)
      extra.push(await freePort());
    const server = await startSshd({
      clientKey: servers[0]?.clientKey,
      extraConfig: extra.map((port) => `Port ${port}`),
    });
    servers.push(server);
    const key = server.knownHostsLine.split(' ').slice(1).join(' ');
    for (const port of [server.port, ...extra])
      endpoints.push({ port, knownHostsLine: `[127.0.0.1]:${port} ${key}` });
  }
  return { servers, endpoints };
}

interface LoadRun {
  exitCode: number | null;
  wallS: number;
  peakRssMiB: number;
  ok: number;
  unreachable: number;
  failed: number;
}

function runWorkload(dir: string, endpoints: Endpoint[], key: string): LoadRun {
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `${endpoints.map((e) => e.knownHostsLine).join('\n')}\n`);
  const lines = ['[load]'];
  endpoints.forEach((e, i) =>
    lines.push(
      `h${String(i).padStart(3, '0')} ansible_host=127.0.0.1 ansible_port=${e.port} ansible_user=root ansible_ssh_private_key_file=${key} spindle_known_hosts_file=${knownHosts}`,
    ),
  );
  const inventory = join(dir, `load-${endpoints.length}.ini`);
  writeFileSync(inventory, `${lines.join('\n')}\n`);
  clearTargets(endpoints.length);
  const figures = join(dir, 'figures.json');
  const script = join(packageRoot(), 'dist', 'test', 'bench', 'play-run.js');
  const playbook = join(packageRoot(), '..', 'shared', 'bench', 'workload.yml');
  const child = spawnSync(process.execPath, [script, playbook, '-i', inventory, '--json'], {
    encoding: 'utf8',
    timeout: 900_000,
    maxBuffer: 256 << 20,
    env: { ...process.env, SPINDLE_BENCH_FIGURES: figures },
  });
  const recap = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { stats?: Record<string, { unreachable: number; failed: number }> })
    .find((record) => record.stats !== undefined);
  const stats = Object.values(recap?.stats ?? {});
  // The first distinct reasons a host did not make it, for the operator (stderr; stdout stays JSON lines).
  const reasons = new Set(
    child.stdout
      .split('\n')
      .filter((line) => /"unreachable":true|"failed":true/.test(line))
      .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg ?? line).slice(0, 300)),
  );
  for (const reason of [...reasons].slice(0, 5))
    process.stderr.write(`bench:load ${endpoints.length}h: ${reason}\n`);
  const measured = JSON.parse(readFileSync(figures, 'utf8')) as { wallS: number; peakRssMiB: number };
  if (!recap) process.stderr.write(`bench:load: no recap (${child.status}): ${child.stderr.slice(-2000)}\n`);
  return {
    exitCode: child.status,
    wallS: measured.wallS,
    peakRssMiB: measured.peakRssMiB,
    ok: stats.filter((s) => s.unreachable === 0 && s.failed === 0).length,
    unreachable: stats.filter((s) => s.unreachable > 0).length,
    failed: stats.filter((s) => s.failed > 0).length,
  };
}

/** Removes this bench's host folders only: other benches may be using /tmp/bench-target too. */
function clearTargets(hosts: number): void {
  for (let i = 0; i < hosts; i++)
    rmSync(join('/tmp/bench-target', `h${String(i).padStart(3, '0')}`), { recursive: true, force: true });
}

const dir = mkdtempSync(join(tmpdir(), 'spindle-bench-load-'));
let started: TestSshd[] = [];
try {
  const { servers, endpoints } = await startServers(MAX_HOSTS);
  started = servers;
  process.stderr.write(
    `bench:load: ${servers.length} sshd serving ${endpoints.length} ports; ${Math.round(freemem() / 2 ** 20)} MiB free\n`,
  );
  for (const size of SIZES) {
    const run = runWorkload(dir, endpoints.slice(0, size), servers[0].clientKey);
    report(`load.${size}h_ok_hosts`, run.ok, 'hosts');
    report(`load.${size}h_unreachable_hosts`, run.unreachable, 'hosts');
    report(`load.${size}h_failed_hosts`, run.failed, 'hosts');
    report(`load.${size}h_wall_s`, run.wallS, 's');
    report(`load.${size}h_peak_rss_MiB`, run.peakRssMiB, 'MiB');
    report(`load.${size}h_per_host_ms`, (run.wallS * 1000) / size, 'ms');
  }
} finally {
  for (const server of started) await server.stop();
  rmSync(dir, { recursive: true, force: true });
  clearTargets(MAX_HOSTS);
}
process.exit(0);
