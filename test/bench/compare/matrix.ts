import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SshFarm } from './farm.js';
import { type HostRecap, type Measurement, measure } from './measure.js';
import { startDelayRelay } from './relay.js';
import { inventoryText, type Runner } from './runners.js';

/** One cell of the comparison: N hosts at D ms added round trip. */
export interface Cell {
  hosts: number;
  delayMs: number;
}

/** Every timed run of one runner on one playbook in one cell, and what its recaps said. */
export interface Series {
  playbook: string;
  cell: Cell;
  runner: string;
  cold: Measurement[];
  second: Measurement[];
  /** Why this series is not a clean result (failed, timed out, recap differs, not installed); empty when it is. */
  problems: string[];
}

/** What the matrix runs: cells, playbooks, runners, repetitions, and the bound on each run. */
export interface MatrixOptions {
  cells: Cell[];
  playbooks: string[];
  runners: Runner[];
  reps: number;
  timeoutMs: number;
  /** Runners that only run cells up to this many hosts (the table says so for the others). */
  maxHosts: Record<string, number>;
  log(line: string): void;
}

const BENCH_TARGET = '/tmp/bench-target';

/** Empties the playbooks' target folder (its contents only: it may be a mount point, see docs/benchmarks.md). */
function clearBenchTarget(): void {
  if (!existsSync(BENCH_TARGET)) return;
  for (const entry of readdirSync(BENCH_TARGET))
    rmSync(join(BENCH_TARGET, entry), { recursive: true, force: true, maxRetries: 5 });
}

function sameCounts(a: HostRecap, b: HostRecap): boolean {
  return a.ok === b.ok && a.changed === b.changed && a.failed === b.failed && a.unreachable === b.unreachable;
}

function recapText(recap: Record<string, HostRecap>): string {
  const first = Object.entries(recap)[0];
  if (!first) return 'no recap';
  const [host, r] = first;
  return `${host}: ok=${r.ok} changed=${r.changed} failed=${r.failed} unreachable=${r.unreachable}`;
}

/** Names the hosts a recap counts as unreachable or failed (` (unreachable: host03)`), or nothing. */
function recapTrouble(recap: Record<string, HostRecap>): string {
  const unreachable = Object.keys(recap).filter((host) => recap[host].unreachable > 0);
  const failed = Object.keys(recap).filter((host) => recap[host].failed > 0);
  const parts = [
    unreachable.length > 0 ? `unreachable: ${unreachable.join(', ')}` : '',
    failed.length > 0 ? `failed: ${failed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** A run is clean when it exited 0 and every host of the cell is in its recap, none failed or unreachable. */
function runProblem(m: Measurement, hosts: number, phase: string): string | null {
  if (m.timedOut) return `${phase} run timed out`;
  if (m.exitCode !== 0) return `${phase} run exited ${m.exitCode}${recapTrouble(m.recap)}`;
  const recaps = Object.values(m.recap);
  if (recaps.length !== hosts) return `${phase} recap lists ${recaps.length} of ${hosts} hosts`;
  if (recaps.some((r) => r.failed > 0 || r.unreachable > 0)) return `${phase} recap has failures`;
  return null;
}

/**
 * Runs the matrix interleaved (every repetition runs each runner once, A B C A B C …), so every ratio compares
 * the same minutes; each playbook run is a cold run (target folder removed) followed by a second run.
 */
export async function runMatrix(farm: SshFarm, options: MatrixOptions): Promise<Series[]> {
  const all: Series[] = [];
  for (const cell of options.cells) {
    const upstream = farm.ports.slice(0, cell.hosts);
    const relay = cell.delayMs > 0 ? await startDelayRelay(upstream, cell.delayMs) : null;
    const base = {
      ports: relay ? relay.ports : upstream,
      clientKey: farm.clientKey,
      knownHosts: join(farm.dir, `known_hosts_${cell.hosts}_${cell.delayMs}`),
      forks: cell.hosts,
    };
    // The relay's ports carry the same host keys as the ports behind them.
    const keys = new Map(upstream.map((port, i) => [port, relay ? relay.ports[i] : port]));
    const knownHostsLines = readFileSync(farm.knownHosts, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const port = Number(/^\[127\.0\.0\.1\]:(\d+)/.exec(line)?.[1]);
        return keys.has(port) ? line.replace(`]:${port} `, `]:${keys.get(port)} `) : null;
      })
      .filter((line): line is string => line !== null);
    writeFileSync(base.knownHosts, `${knownHostsLines.join('\n')}\n`);
    const inventory = join(farm.dir, `inventory_${cell.hosts}_${cell.delayMs}.ini`);
    writeFileSync(inventory, inventoryText(base));
    const series = new Map<string, Series>();
    const key = (playbook: string, runner: string) => `${playbook}|${runner}`;
    for (const runner of options.runners)
      for (const playbook of runner.floor ? ['-'] : options.playbooks)
        series.set(key(playbook, runner.name), {
          playbook,
          cell,
          runner: runner.name,
          cold: [],
          second: [],
          problems:
            cell.hosts > (options.maxHosts[runner.name] ?? Number.POSITIVE_INFINITY)
              ? [`not run above ${options.maxHosts[runner.name]} hosts (--max-hosts)`]
              : [],
        });
    try {
      for (let rep = 0; rep < options.reps; rep++) {
        for (const runner of options.runners) {
          for (const playbook of runner.floor ? ['-'] : options.playbooks) {
            const s = series.get(key(playbook, runner.name))!;
            if (s.problems.length > 0) continue;
            clearBenchTarget();
            for (const phase of runner.floor ? ['cold'] : ['cold', 'second']) {
              const scratch = mkdtempSync(join(tmpdir(), 'spindle-compare-run-'));
              try {
                const command = runner.command({
                  ...base,
                  inventory,
                  playbook: playbook === '-' ? null : playbook,
                  scratch,
                });
                const m = await measure(command, scratch, options.timeoutMs);
                (phase === 'cold' ? s.cold : s.second).push(m);
                options.log(
                  `n=${cell.hosts} d=${cell.delayMs} ${basename(playbook)} ${runner.name} ${phase}: ${m.wallS.toFixed(2)} s, cpu ${m.cpuS.toFixed(2)} s`,
                );
                const problem = runner.floor
                  ? m.exitCode === 0
                    ? null
                    : `exited ${m.exitCode}: ${m.tail}`
                  : runProblem(m, cell.hosts, phase);
                if (problem) s.problems.push(problem);
                else if (phase === 'second' && basename(playbook) === 'workload.yml') {
                  const changed = Object.values(m.recap).reduce((sum, r) => sum + r.changed, 0);
                  if (changed > 0) s.problems.push(`second run reported changed=${changed} (must be 0)`);
                }
              } finally {
                // Ansible's ControlPersist masters outlive the run: end them with it.
                spawnSync('pkill', ['-f', scratch]);
                rmSync(scratch, { recursive: true, force: true });
              }
              if (s.problems.length > 0) break;
            }
          }
        }
      }
    } finally {
      await relay?.close();
    }
    checkRecapsAgree([...series.values()]);
    all.push(...series.values());
  }
  clearBenchTarget();
  return all;
}

/** Every runner's cold recap must count what Spindle's counts (ok, changed, failed, unreachable per host). */
function checkRecapsAgree(series: Series[]): void {
  for (const playbook of new Set(series.filter((s) => s.playbook !== '-').map((s) => s.playbook))) {
    const runs = series.filter(
      (s) => s.playbook === playbook && s.problems.length === 0 && s.cold.length > 0,
    );
    const reference = runs.find((s) => s.runner === 'play') ?? runs[0];
    if (!reference) continue;
    const want = reference.cold[0].recap;
    for (const s of runs) {
      for (const [phase, list] of [
        ['cold', s.cold],
        ['second', s.second],
      ] as const) {
        const wantPhase = (phase === 'cold' ? reference.cold : reference.second)[0]?.recap ?? want;
        const got = list[0]?.recap ?? {};
        const differs = Object.entries(wantPhase).some(
          ([host, r]) => !got[host] || !sameCounts(r, got[host]),
        );
        if (differs)
          s.problems.push(
            `${phase} recap differs from ${reference.runner}'s (${recapText(got)} vs ${recapText(wantPhase)})`,
          );
      }
    }
  }
}
