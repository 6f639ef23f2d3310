import { dirname, relative } from 'node:path';
import { Templar } from '../../dsl/template/templar.js';
import { createMaster } from '../core/index.js';
import type { HostStats } from '../report/events.js';
import { ContextPool } from './connections.js';
import { flushCachedFacts, readCachedFacts, writeCachedFacts } from './fact-cache.js';
import { HostRun } from './host-run.js';
import { PlayRunner } from './play-runner.js';
import { reservedNameWarnings } from './reserved-names.js';
import type { RunOptions } from './run-options.js';
import { RunState } from './run-state.js';
import { serialBatches } from './serial.js';
import { unmatchedTermWarnings } from './unmatched-hosts.js';

export type { RunOptions } from './run-options.js';

/** The verbosity from which Ansible prints connection lines (`display.vvv`). */
const CONNECTION_TRACE_LEVEL = 3;

const TASK_OUTPUT = /^spindle\.task\.(.+)\.(stdout|stderr)$/;

/**
 * Executes a compiled playbook: one context per (host, become user) opened lazily and in parallel, plays in
 * order, hosts in `serial` batches, events to `options.emit`, and an exit code as ansible-playbook's
 * (0 ok, 2 failed hosts, 4 unreachable hosts, 99 interrupted).
 */
export async function runPlaybook(
  options: RunOptions,
): Promise<{ exitCode: number; stats: Record<string, HostStats>; changed: boolean }> {
  const started = Date.now();
  const master = await createMaster();
  const playbookDir = dirname(options.graph.playbook);
  const state = new RunState(
    options,
    master,
    new Templar({ baseDir: playbookDir, vault: options.vault, native: options.jinja2Native }),
    playbookDir,
  );
  const warn = (msg: string) => state.emit({ kind: 'warning', msg, time: Date.now() });
  // Connection lines (ESTABLISH, EXEC) are Ansible's -vvv output; below that they are not produced at all.
  const trace =
    options.verbosity >= CONNECTION_TRACE_LEVEL
      ? {
          line: (msg: string) =>
            state.emit({ kind: 'verbose', msg, level: CONNECTION_TRACE_LEVEL, time: Date.now() }),
          localUser: state.localUser,
        }
      : undefined;
  const pool = new ContextPool(
    master,
    options.connectTimeoutMs ?? 30_000,
    warn,
    options.hostKeyChecking,
    trace,
  );
  const hostOfContext = new Map<number, string>();
  master.onLog((record) => {
    const match = TASK_OUTPUT.exec(record.logger);
    const host = hostOfContext.get(record.contextId) ?? record.contextName.split(':')[0];
    if (match) state.output(host, match[1], match[2] as 'stdout' | 'stderr', record.message);
    else if (record.logger.startsWith('spindle.') && record.contextId !== 0 && record.level !== 'debug')
      state.output(host, '', 'stderr', record.message);
  });
  // The first Ctrl-C: no new task starts, the running ones finish. SIGTERM: the running ones stop too.
  const onAbort = () => {
    state.aborted = true;
  };
  const onStop = () => {
    state.aborted = true;
    state.stopped = true;
    void master.shutdown();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.stopNow?.addEventListener('abort', onStop, { once: true });
  state.emit({
    kind: 'run:start',
    playbook: options.graph.playbook,
    check: options.check,
    diff: options.diff,
    time: started,
  });
  if (options.factCache?.flush) flushCachedFacts(options.factCache, options.inventory.hosts.keys());
  const plays = options.graph.plays.length;
  const shownAs = relative(process.cwd(), options.graph.playbook);
  state.emit({
    kind: 'verbose',
    msg: `${plays} plays in ${shownAs.startsWith('..') ? options.graph.playbook : shownAs}`,
    level: 2,
    time: Date.now(),
  });
  try {
    for (const compiled of options.graph.plays) {
      if (state.aborted) break;
      const play =
        state.inventoryGeneration > 0 ? { ...compiled, hosts: state.selectPlayHosts(compiled) } : compiled;
      if (play.hosts.length === 0)
        for (const msg of unmatchedTermWarnings(options.inventory, play.pattern)) warn(msg);
      state.emit({ kind: 'play:start', play: play.name, hosts: play.hosts, time: Date.now() });
      for (const msg of reservedNameWarnings(play.vars, options.extraVars)) warn(msg);
      if (play.hosts.length === 0) {
        // `skipping: no hosts matched` (the reporters print it): no task banner, no facts gathered.
        state.emit({ kind: 'play:end', play: play.name, time: Date.now() });
        continue;
      }
      const hosts = play.hosts.map((name) => {
        let host = state.hosts.get(name);
        if (!host) {
          host = new HostRun(name);
          // Facts a fact cache kept from an earlier run are the host's facts again.
          if (options.factCache) Object.assign(host.facts, readCachedFacts(options.factCache, name));
          state.hosts.set(name, host);
        }
        // A host that failed stays failed for the rest of the run: later plays skip it (as Ansible's
        // failed hosts); only `meta: clear_host_errors` brings it back.
        host.ended = false;
        // Roles run once per play (Ansible's role cache is the play's): a new play runs them again.
        host.completedRoles.clear();
        return host;
      });
      const runner = new PlayRunner(state, play, pool);
      for (const batch of serialBatches(
        hosts.filter((h) => !h.unreachable),
        play.serial,
      )) {
        if (state.aborted) break;
        const failedBefore = new Set(batch.filter((h) => h.failed || h.unreachable));
        state.startBatch(
          play,
          batch.map((h) => h.name),
        );
        await runner.run(batch);
        // Every host of the batch failed here, or any_errors_fatal/max_fail_percentage fired: Ansible stops
        // the whole playbook (no later batch, no later play).
        const failedNow = batch.filter((h) => (h.failed || h.unreachable) && !failedBefore.has(h));
        if (batch.length > 0 && failedNow.length === batch.length) state.playbookBroken = true;
        if (state.playbookBroken || runner.playEnded) break;
      }
      state.emit({ kind: 'play:end', play: play.name, time: Date.now() });
      if (state.playbookBroken) break;
    }
  } finally {
    if (options.factCache)
      for (const [name, host] of state.hosts) writeCachedFacts(options.factCache, name, host.facts);
    options.signal?.removeEventListener('abort', onAbort);
    options.stopNow?.removeEventListener('abort', onStop);
    await master.shutdown();
  }
  if (state.runError !== undefined) {
    // As an AnsibleError out of Ansible's strategy: the run stops where it is, without a recap.
    state.emit({ kind: 'error', msg: state.runError, time: Date.now() });
    state.emit({ kind: 'run:end', exitCode: 1, interrupted: false, time: Date.now() });
    return { exitCode: 1, stats: {}, changed: false };
  }
  if (state.startAt?.searching)
    state.emit({
      kind: 'warning',
      msg: `--start-at-task: no task matched "${state.startAt.pattern}", so no task ran (tasks inside dynamic include_tasks are found only once the include runs)`,
      time: Date.now(),
    });
  // Ansible's recap lists the hosts that had a result counted; a host failed by an include_role that could
  // not load has none, yet it fails the run.
  const counted = [...state.hosts].filter(([, host]) => host.counted);
  const stats = Object.fromEntries(counted.map(([name, host]) => [name, host.stats]));
  state.emit({ kind: 'play:recap', stats, durationMs: Date.now() - started, time: Date.now() });
  const all = Object.values(stats);
  // As Ansible's, the exit code follows the hosts' state at the end, not the recap's counts: a host whose
  // errors `meta: clear_host_errors` cleared does not fail the run, though its recap still counts them.
  const hostStates = [...state.hosts.values()];
  const exitCode = state.aborted
    ? 99
    : hostStates.some((h) => h.unreachable)
      ? 4
      : hostStates.some((h) => h.failed)
        ? 2
        : 0;
  state.emit({ kind: 'run:end', exitCode, interrupted: state.aborted, time: Date.now() });
  return { exitCode, stats, changed: all.some((s) => s.changed > 0) };
}
