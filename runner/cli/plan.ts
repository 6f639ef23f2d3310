import type { AnsibleConfig } from './ansible-config.js';
import { OptionError } from './cli-errors.js';
import { isTool, type ToolName } from './commands/tool.js';
import { COMPLETION_SHELLS, type CompletionShell } from './completion-script.js';
import { parseArgs, type RawOptions } from './parse-args.js';
import { resolveSettings, type Settings } from './settings.js';

/** What the playbook commands do once the playbook is compiled. */
export type PlaybookAction =
  | 'run'
  | 'list-tasks'
  | 'list-hosts'
  | 'list-tags'
  | 'syntax-check'
  | 'graph'
  | 'explain-var';

/** The decided command: pure data, computed without I/O, executed by the command modules. */
export type Plan =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'schema' }
  | { command: 'tool'; tool: ToolName; argv: string[]; config: AnsibleConfig }
  /** `play completion bash|zsh`, or `play completion hosts` (names for `--limit`, from `inventory`). */
  | { command: 'completion'; shell?: CompletionShell; inventory: string[] }
  | {
      command: 'playbook';
      action: PlaybookAction;
      playbooks: string[];
      settings: Settings;
      explain?: { name: string; host: string };
    };

/** Inputs of planning, all injected so tests need no process, files or terminal. */
export interface PlanInput {
  argv: string[];
  env: Record<string, string | undefined>;
  config: AnsibleConfig;
  cwd: string;
}

const ACTION_FLAGS: Array<[string, PlaybookAction]> = [
  ['listTasks', 'list-tasks'],
  ['listHosts', 'list-hosts'],
  ['listTags', 'list-tags'],
  ['syntaxCheck', 'syntax-check'],
  ['graph', 'graph'],
  ['explainVar', 'explain-var'],
];

/**
 * Decides which command runs with which settings: `--help`/`--version` first, the `schema` subcommand, else
 * a playbook command whose action is chosen by at most one of the listing flags. Throws OptionError.
 */
export function planCommand(input: PlanInput): Plan {
  if (isTool(input.argv[0]))
    return { command: 'tool', tool: input.argv[0], argv: input.argv.slice(1), config: input.config };
  const { options, positionals } = parseArgs(input.argv);
  if (options.help) return { command: 'help' };
  if (options.version) return { command: 'version' };
  if (positionals[0] === 'schema') {
    if (positionals.length > 1)
      throw new OptionError(
        'schema',
        `\`play schema\` takes no arguments, got ${JSON.stringify(positionals[1])}`,
      );
    return { command: 'schema' };
  }
  if (positionals[0] === 'completion') return planCompletion(positionals.slice(1), options, input);
  const chosen = ACTION_FLAGS.filter(([key]) => options[key] !== undefined);
  if (chosen.length > 1) {
    const names = chosen.map(([, action]) => `--${action}`);
    throw new OptionError(names[1], `\`${names[0]}\` and \`${names[1]}\` cannot be used together`);
  }
  const action = chosen[0]?.[1] ?? 'run';
  if (positionals.length === 0) {
    throw new OptionError(
      'playbook',
      'missing the playbook to run: `play [options] PLAYBOOK.yml` (see `play --help`)',
    );
  }
  const settings = resolveSettings(options, input.env, input.config, input.cwd);
  const explainPair = options.explainVar as [string, string] | undefined;
  const playbooks = positionals;
  return {
    command: 'playbook',
    action,
    playbooks,
    settings,
    ...(explainPair ? { explain: { name: explainPair[0], host: explainPair[1] } } : {}),
  };
}

/** `play completion bash|zsh|hosts`: the shell is checked here, so a typo exits 5 naming it. */
function planCompletion(args: string[], options: RawOptions, input: PlanInput): Plan {
  const [what, extra] = args;
  const choices = [...COMPLETION_SHELLS, 'hosts'];
  if (!what || !choices.includes(what) || extra !== undefined)
    throw new OptionError(
      'completion',
      `\`play completion\` takes one of ${choices.join(', ')}, got ${JSON.stringify(args.join(' '))}`,
    );
  if (what === 'hosts')
    return {
      command: 'completion',
      inventory: resolveSettings(options, input.env, input.config, input.cwd).inventory,
    };
  return { command: 'completion', shell: what as CompletionShell, inventory: [] };
}
