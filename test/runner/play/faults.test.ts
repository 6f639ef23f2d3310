import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, type Inventory, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { findRunProcesses } from '../../support/processes.js';

let work = '';
afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = '';
});

function inventory(vars: Record<string, unknown> = { ansible_connection: 'local' }): Inventory {
  const builder = new InventoryBuilder();
  builder.addHost('alpha', 'ungrouped', vars);
  return builder.build();
}

async function play(
  text: string,
  options: {
    inventory?: Inventory;
    signal?: AbortSignal;
    stopNow?: AbortSignal;
    connectTimeoutMs?: number;
  } = {},
) {
  work ||= mkdtempSync(join(tmpdir(), 'spindle-faults-'));
  const file = join(work, 'play.yml');
  writeFileSync(file, text);
  const inv = options.inventory ?? inventory();
  const { graph, issues } = compilePlaybook(file, { inventory: inv });
  expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory: inv,
    extraVars: { work },
    check: false,
    diff: false,
    verbosity: 0,
    signal: options.signal,
    stopNow: options.stopNow,
    connectTimeoutMs: options.connectTimeoutMs,
    emit: (e) => events.push(e),
  });
  const results = events.filter((e) => e.kind === 'task:result') as Array<
    Extract<RunEvent, { kind: 'task:result' }>
  >;
  return { ...outcome, events, results };
}

const header = '- hosts: all\n  gather_facts: false\n  tasks:\n';

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
const running = async (pattern: RegExp) => (await findRunProcesses(pattern)).length > 0;

describe('faults in a run: bounded end, right statuses, no orphans', () => {
  test('the timeout keyword fails a task that runs too long, kills its processes, and the host goes on failed', async () => {
    const started = Date.now();
    const run = await play(
      `${header}    - name: too slow\n      command: sleep 1301\n      timeout: 1\n    - name: after\n      command: "true"\n`,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(2);
    const slow = run.results.find((r) => r.task === 'too slow');
    expect(slow?.status).toBe('failed');
    expect(slow?.result.msg).toMatch(/The command action did not finish within the task's timeout \(1 s\)/);
    expect(run.results.some((r) => r.task === 'after')).toBe(false);
    expect(await eventually(async () => !(await running(/^sleep 1301/)), 5000)).toBe(true);
  });

  test('a timeout with ignore_errors lets the host go on, on a fresh context', async () => {
    const run = await play(
      `${header}    - command: sleep 1302\n      timeout: 1\n      ignore_errors: true\n    - name: after\n      command: echo still here\n      register: out\n`,
    );
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'after')?.result.stdout).toBe('still here');
    expect(await eventually(async () => !(await running(/^sleep 1302/)), 5000)).toBe(true);
  });

  test('kill -9 of the context during a task: the host is unreachable (exit 4) and the task process is gone', async () => {
    const pending = play(`${header}    - command: sleep 1303\n`);
    expect(await eventually(() => running(/^sleep 1303/), 15_000)).toBe(true);
    const [sleep] = await findRunProcesses(/^sleep 1303/);
    const stat = execFileSync('ps', ['-o', 'ppid=', '-p', String(sleep.pid)], { encoding: 'utf8' });
    process.kill(Number(stat.trim()), 'SIGKILL');
    const run = await pending;
    expect(run.exitCode).toBe(4);
    expect(run.stats.alpha.unreachable).toBe(1);
    expect(await eventually(async () => !(await running(/^sleep 1303/)), 5000)).toBe(true);
  });

  test('a silent link (the context stopped with SIGSTOP) ends the task at its timeout, not never', async () => {
    const pending = play(`${header}    - command: sleep 1304\n      timeout: 2\n`);
    expect(await eventually(() => running(/^sleep 1304/), 15_000)).toBe(true);
    const [sleep] = await findRunProcesses(/^sleep 1304/);
    const parent = Number(
      execFileSync('ps', ['-o', 'ppid=', '-p', String(sleep.pid)], { encoding: 'utf8' }).trim(),
    );
    process.kill(parent, 'SIGSTOP');
    const started = Date.now();
    const run = await pending;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(2);
    expect(await eventually(async () => !(await running(/^sleep 1304/)), 5000)).toBe(true);
  });

  test('the first Ctrl-C lets the running task finish and starts no new one (exit 99)', async () => {
    const signal = new AbortController();
    const pending = play(
      `${header}    - shell: sleep 1.5 && touch {{ work }}/finished\n    - name: next\n      command: touch {{ work }}/next\n`,
      { signal: signal.signal },
    );
    expect(await eventually(() => running(/sleep 1\.5 && touch/), 15_000)).toBe(true);
    signal.abort();
    const run = await pending;
    expect(run.exitCode).toBe(99);
    expect(existsSync(join(work, 'finished'))).toBe(true);
    expect(existsSync(join(work, 'next'))).toBe(false);
    expect(run.stats.alpha).toMatchObject({ ok: 1, changed: 1, unreachable: 0, failed: 0 });
  });

  test('SIGTERM stops the running task at once: the host is reported interrupted, not unreachable, and its process is gone', async () => {
    const stop = new AbortController();
    const signal = new AbortController();
    const pending = play(`${header}    - command: sleep 1306\n`, {
      signal: signal.signal,
      stopNow: stop.signal,
    });
    expect(await eventually(() => running(/^sleep 1306/), 15_000)).toBe(true);
    signal.abort();
    stop.abort();
    const run = await pending;
    expect(run.exitCode).toBe(99);
    expect(run.stats.alpha.unreachable).toBe(0);
    expect(run.results[0]?.result).toMatchObject({ interrupted: true });
    expect(run.events.some((e) => e.kind === 'host:unreachable')).toBe(false);
    expect(await eventually(async () => !(await running(/^sleep 1306/)), 5000)).toBe(true);
  });

  test('a full disk fails the copy cleanly: no half-written file and no temp file are left', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-faults-'));
    const disk = join(work, 'disk');
    execFileSync('mkdir', [disk]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
    try {
      const run = await play(
        `${header}    - copy:\n        content: "{{ 'x' | center(600000) }}"\n        dest: ${disk}/big.txt\n`,
      );
      expect(run.exitCode).toBe(2);
      expect(String(run.results[0]?.result.msg)).toMatch(/ENOSPC|space/i);
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  test('a login that never completes (a server that accepts and stays silent) is unreachable within the connect timeout', async () => {
    const sockets: Array<import('node:net').Socket> = [];
    const server: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const started = Date.now();
      const run = await play(`${header}    - command: "true"\n`, {
        inventory: inventory({
          ansible_host: '127.0.0.1',
          ansible_port: port,
          spindle_host_key_checking: false,
        }),
        connectTimeoutMs: 1500,
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(run.exitCode).toBe(4);
      expect(run.stats.alpha.unreachable).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});
