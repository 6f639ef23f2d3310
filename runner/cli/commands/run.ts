import type { TaskGraph } from '../../../dsl/graph.js';
import { type Inventory, loadInventory } from '../../../dsl/inventory/index.js';
import type { VaultSecrets } from '../../../dsl/vault/index.js';
import { defaultForks } from '../../play/default-forks.js';
import type { HostRun } from '../../play/host-run.js';
import { type RunOptions, runPlaybook } from '../../play/run-playbook.js';
import type { RunEventOf } from '../../report/events.js';
import { createReporter } from '../../report/select-reporter.js';
import { EXIT } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { watchInterrupts } from '../interrupt.js';
import { readSecret } from '../read-secret.js';
import type { Settings } from '../settings.js';

/** A warning found before the run (inventory, playbook, `--limit`), sent to the reporter as a `warning` event. */
export type RunWarning = Omit<RunEventOf<'warning'>, 'kind' | 'time'>;

/**
 * The run path: ask for the become password if `-K`, pick the reporters, run each playbook in order (stop at
 * the first that fails), and map the outcome to the exit code. The first Ctrl-C aborts the run gracefully
 * (hosts finish their current task, the recap is printed, exit 99); a second one exits at once.
 */
export async function runGraphs(
  graphs: TaskGraph[],
  inventory: Inventory,
  extraVars: Record<string, unknown>,
  s: Settings,
  io: CliIo,
  vault: VaultSecrets = [],
  warnings: RunWarning[] = [],
): Promise<number> {
  const password = s.become.askPass ? await readSecret('BECOME password: ', io) : undefined;
  const reporter = await createReporter({
    name: s.reporter,
    junit: s.junit,
    report: s.report,
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    verbosity: s.verbosity,
    diff: s.diff,
  });
  for (const w of warnings)
    reporter.handle({ kind: 'warning', msg: w.msg, source: w.source, time: Date.now() });
  const interrupts = watchInterrupts(io);
  try {
    let exitCode: number = EXIT.ok;
    let changed = false;
    const hosts = new Map<string, HostRun>();
    for (const graph of graphs) {
      // `hostKeyChecking` (ansible.cfg / ANSIBLE_HOST_KEY_CHECKING) rides along for the scheduler to honour.
      const options: RunOptions & { hostKeyChecking: boolean } = {
        graph,
        inventory,
        extraVars,
        check: s.check,
        diff: s.diff,
        forks: s.forks ?? defaultForks(),
        verbosity: s.verbosity,
        startAtTask: s.startAtTask,
        remoteUser: s.remoteUser,
        connection: s.connection,
        become: { ...s.become, password },
        connectTimeoutMs: s.connectTimeoutMs,
        gathering: s.gathering,
        forceHandlers: s.forceHandlers,
        errorOnMissingHandler: s.errorOnMissingHandler,
        noLog: s.noLog,
        jinja2Native: s.jinja2Native,
        hashBehaviour: s.hashBehaviour,
        factCache: s.factCache,
        hostKeyChecking: s.hostKeyChecking,
        vault,
        signal: interrupts.signal,
        stopNow: interrupts.stopNow,
        hosts,
        reloadInventory: () =>
          loadInventory(s.inventory, { cwd: io.cwd, hashBehaviour: s.hashBehaviour }).inventory,
        emit: (event) => reporter.handle(event),
      };
      const outcome = await runPlaybook(options);
      exitCode = outcome.exitCode;
      changed ||= outcome.changed;
      if (exitCode !== EXIT.ok || interrupts.signal.aborted) break;
    }
    if (interrupts.signal.aborted) return EXIT.interrupted;
    if (exitCode === EXIT.ok && s.exitCodeOnChange && changed) return EXIT.drift;
    return exitCode;
  } finally {
    interrupts.stop();
    await reporter.close();
  }
}
