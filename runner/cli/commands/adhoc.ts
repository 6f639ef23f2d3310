import { join } from 'node:path';
import { compilePlaybookValue, DslError, loadInventory } from '../../../dsl/index.js';
import { defaultForks } from '../../play/default-forks.js';
import { runPlaybook } from '../../play/run-playbook.js';
import { renderDiff } from '../../report/diff-text.js';
import type { RunEvent } from '../../report/events.js';
import { colorLevel, makePalette } from '../../report/palette.js';
import { pythonJson } from '../../report/python-json.js';
import { visibleResult } from '../../report/result-view.js';
import { EXIT, OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import type { FlagSpec } from '../flags.js';
import { watchInterrupts } from '../interrupt.js';
import { parseArgs } from '../parse-args.js';
import { readSecret } from '../read-secret.js';
import { resolveSettings } from '../settings.js';
import { loadVaultSecrets } from '../vault-secrets.js';
import { readExtraVars } from './playbook.js';
import type { ToolInput } from './tool.js';
import { HELP_FLAG, sharedFlags, toolHelp, VAULT_FLAG_KEYS } from './tool-flags.js';

const FLAGS: FlagSpec[] = [
  {
    key: 'moduleName',
    long: 'module-name',
    short: 'm',
    kind: 'value',
    meta: 'MODULE',
    help: 'the module to run (default: command)',
  },
  {
    key: 'args',
    long: 'args',
    short: 'a',
    kind: 'value',
    meta: 'ARGS',
    help: 'its arguments: `k=v k2=v2`, a command line, or JSON',
  },
  { key: 'oneLine', long: 'one-line', short: 'o', kind: 'boolean', help: 'one line per host' },
  ...sharedFlags('inventory', 'limit', 'extraVars', 'forks', 'check', 'diff', 'listHosts'),
  ...sharedFlags(
    'user',
    'connection',
    'become',
    'becomeUser',
    'becomeMethod',
    'askBecomePass',
    'connectTimeout',
  ),
  ...sharedFlags(...VAULT_FLAG_KEYS, 'verbose'),
  HELP_FLAG,
];

/** Modules whose output is shown as text (`rc=0 >>` and stdout), as Ansible's MODULE_NO_JSON. */
const TEXT_MODULES = new Set(['command', 'shell', 'raw']);

/**
 * `play adhoc PATTERN -m MODULE -a ARGS`, like `ansible`: one task on every matching host, reported per host
 * in Ansible's minimal format (`host | CHANGED => {…}`, `host | CHANGED | rc=0 >>` for commands; `-o` one
 * line each), with ansible's exit codes (0, 2 failed, 4 unreachable).
 */
export async function runTool(input: ToolInput, io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(input.argv, FLAGS);
  if (options.help) {
    io.stdout.write(toolHelp(['play adhoc PATTERN [-m MODULE] [-a ARGS] [options]'], FLAGS));
    return 0;
  }
  if (positionals.length !== 1)
    throw new OptionError(
      'play adhoc',
      positionals.length === 0
        ? 'missing the host pattern: `play adhoc PATTERN -m MODULE -a ARGS`'
        : `one host pattern only, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`,
    );
  const pattern = positionals[0];
  const module = (options.moduleName as string | undefined) ?? 'command';
  const args = options.args as string | undefined;
  const s = resolveSettings(options, io.env, input.config, io.cwd);
  const vault = await loadVaultSecrets(s.vault, io);
  const loaded = loadInventory(s.inventory, { cwd: io.cwd });
  const inventoryErrors = loaded.issues.filter((i) => i.severity === 'error');
  if (inventoryErrors.length > 0) throw new DslError(inventoryErrors);
  const extraVars = readExtraVars(s.extraVars, io.cwd);
  const listing = options.listHosts === true;
  if (!listing && TEXT_MODULES.has(module.replace(/^ansible\.(builtin|legacy)\./, '')) && !args?.trim())
    throw new OptionError('--args', `No argument passed to ${module} module`);
  const tasks = listing ? [] : [{ [module]: parseModuleArgs(args) }];
  const compiled = compilePlaybookValue(
    join(io.cwd, 'adhoc.yml'),
    [{ name: 'Ansible Ad-Hoc', hosts: pattern, gather_facts: false, tasks }],
    { inventory: loaded.inventory, limit: s.limit, extraVars, vault },
  );
  const errors = compiled.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new DslError(errors);
  const hosts = compiled.graph.plays[0]?.hosts ?? [];
  if (listing) {
    io.stdout.write(`  hosts (${hosts.length}):\n${hosts.map((h) => `    ${h}\n`).join('')}`);
    return 0;
  }
  if (hosts.length === 0) {
    io.stderr.write('[WARNING]: No hosts matched, nothing to do\n');
    return 0;
  }
  const password = s.become.askPass ? await readSecret('BECOME password: ', io) : undefined;
  const print = createAdhocPrinter(io, module, options.oneLine === true, s.verbosity, s.diff);
  const interrupts = watchInterrupts(io);
  try {
    const outcome = await runPlaybook({
      graph: compiled.graph,
      inventory: loaded.inventory,
      extraVars,
      check: s.check,
      diff: s.diff,
      forks: s.forks ?? defaultForks(),
      verbosity: s.verbosity,
      remoteUser: s.remoteUser,
      connection: s.connection,
      become: { ...s.become, password },
      connectTimeoutMs: s.connectTimeoutMs,
      hostKeyChecking: s.hostKeyChecking,
      vault,
      signal: interrupts.signal,
      emit: print,
    } as Parameters<typeof runPlaybook>[0]);
    return interrupts.signal.aborted ? EXIT.interrupted : outcome.exitCode;
  } finally {
    interrupts.stop();
  }
}

/** `-a` as the task's value: JSON objects as given, anything else as the free-form text Ansible would parse. */
export function parseModuleArgs(args: string | undefined): unknown {
  if (args === undefined || args.trim() === '') return null;
  if (args.trim().startsWith('{')) {
    try {
      return JSON.parse(args);
    } catch {
      // not JSON: free-form text
    }
  }
  return args;
}

/** Renders run events as Ansible's `minimal` (or with `-o`, `oneline`) callback does. */
export function createAdhocPrinter(
  io: Pick<CliIo, 'stdout' | 'stderr' | 'env'>,
  moduleWritten: string,
  oneLine: boolean,
  verbosity: number,
  diff: boolean,
): (event: RunEvent) => void {
  const palette = makePalette(colorLevel(io.env, io.stdout.isTTY === true));
  const module = moduleWritten.replace(/^(ansible\.builtin|ansible\.legacy|spindle)\./, '');
  const text = TEXT_MODULES.has(module);
  const printed = new Set<string>();
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const json = (value: Record<string, unknown>) =>
    oneLine ? pythonJson(value, 0).replaceAll('\n', '') : pythonJson(value, 4);
  const commandText = (host: string, caption: string, result: Record<string, unknown>) => {
    const get = (key: string) => (typeof result[key] === 'string' ? (result[key] as string) : '');
    const rc = result.rc ?? -1;
    if (!oneLine) return `${host} | ${caption} | rc=${rc} >>\n${get('stdout')}${get('stderr')}${get('msg')}`;
    const flat = (t: string) => t.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
    const stderr = get('stderr') ? ` (stderr) ${flat(get('stderr'))}` : '';
    return `${host} | ${caption} | rc=${rc} | (stdout) ${flat(get('stdout'))}${stderr}`;
  };
  return (event) => {
    if (event.kind === 'warning') io.stderr.write(`[WARNING]: ${event.msg}\n`);
    // From -vvv, Ansible's display lines (ESTABLISH, EXEC) show whatever the callback; the lower ones are the
    // playbook callback's (`1 plays in`, `META:`), which `minimal` does not print.
    if (event.kind === 'verbose' && event.level >= 3 && verbosity >= event.level) out(event.msg);
    if (event.kind === 'host:unreachable' && !printed.has(event.host)) {
      printed.add(event.host);
      const body = { changed: false, msg: event.msg, unreachable: true };
      out(
        palette.failed(
          oneLine
            ? `${event.host} | UNREACHABLE!: ${event.msg}`
            : `${event.host} | UNREACHABLE! => ${json(body)}`,
        ),
      );
    }
    if (event.kind !== 'task:result' || event.item) return;
    const host = event.host;
    const body = visibleResult(event, verbosity, module);
    // A plan's reason given as `msg` is not part of a successful module result.
    if ((event.status === 'ok' || event.status === 'changed') && event.result.msg === undefined)
      delete body.msg;
    if (diff && event.diff?.length) out(renderDiff(event.diff, palette).join('\n'));
    switch (event.status) {
      case 'ok':
      case 'changed': {
        printed.add(host);
        const caption = event.status === 'changed' ? 'CHANGED' : 'SUCCESS';
        const color = event.status === 'changed' ? palette.changed : palette.ok;
        out(color(text ? commandText(host, caption, event.result) : `${host} | ${caption} => ${json(body)}`));
        return;
      }
      case 'skipped':
        printed.add(host);
        out(palette.skipped(`${host} | SKIPPED`));
        return;
      case 'unreachable':
        if (printed.has(host)) return;
        printed.add(host);
        out(
          palette.failed(
            oneLine
              ? `${host} | UNREACHABLE!: ${event.msg ?? ''}`
              : `${host} | UNREACHABLE! => ${json({ ...body, unreachable: true })}`,
          ),
        );
        return;
      default:
        printed.add(host);
        out(
          palette.failed(
            text && event.result.rc !== undefined
              ? commandText(host, 'FAILED', { ...event.result, msg: event.result.msg ?? event.msg })
              : `${host} | FAILED! => ${json(body)}`,
          ),
        );
    }
  };
}
