// `npm run bench:profile`: CPU profiles of the controller and of the remote context for workload.yml on one sshd
// host, summarised (where the CPU went, by function and by package); the summary goes into docs/running.md.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { startSshd } from '../e2e/support/sshd.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code comes from: Spindle's bundle, an npm package, Node itself, or V8's own buckets. */
function origin(url: string, name: string): string {
  if (name.startsWith('(')) return name;
  if (url.startsWith('node:') || url === '') return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  return 'spindle';
}

/** Self time per function and per origin, in milliseconds, from one .cpuprofile. */
function summarise(file: string, top = 12): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = (profile.endTime - profile.startTime) / 1000;
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
    const fn = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const o = origin(url, functionName);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `${basename(file)}: ${total.toFixed(0)} ms profiled`,
    `  by origin: ${sorted(byOrigin)
      .map(([o, ms]) => `${o} ${ms.toFixed(0)}`)
      .join(', ')}`,
    ...sorted(byFunction)
      .filter(([fn]) => !fn.startsWith('(idle)'))
      .slice(0, top)
      .map(([fn, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${fn}`),
  ];
}

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'spindle-profile-'));
const server = await startSshd();
try {
  const remoteDir = join(dir, 'remote');
  const controllerDir = join(dir, 'controller');
  mkdirSync(remoteDir);
  const wrapper = join(dir, 'node-profiled');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${process.execPath} --cpu-prof --cpu-prof-dir=${remoteDir} "$@"\n`);
  chmodSync(wrapper, 0o755);
  writeFileSync(join(dir, 'known_hosts'), `${server.knownHostsLine}\n`);
  const inventory = join(dir, 'inventory.ini');
  writeFileSync(
    inventory,
    `profile00 ansible_host=127.0.0.1 ansible_port=${server.port} ansible_user=root ansible_ssh_private_key_file=${server.clientKey} spindle_known_hosts_file=${join(dir, 'known_hosts')} node_binary=${wrapper}\n`,
  );
  rmSync('/tmp/bench-target/profile00', { recursive: true, force: true });
  const run = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${controllerDir}`,
      join(root, 'bin', 'play'),
      join(root, '..', 'shared', 'bench', 'workload.yml'),
      '-i',
      inventory,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0)
    throw new Error(`the profiled run failed (${run.status}): ${run.stdout}${run.stderr}`);
  // The remote context's profile is written when it exits, just after the controller's.
  for (let i = 0; i < 50 && readdirSync(remoteDir).length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  for (const [title, folder] of [
    ['controller', controllerDir],
    ['remote context', remoteDir],
  ] as const) {
    process.stdout.write(`## ${title}\n`);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.cpuprofile')))
      process.stdout.write(`${summarise(join(folder, file)).join('\n')}\n`);
  }
} finally {
  await server.stop();
  rmSync('/tmp/bench-target/profile00', { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
