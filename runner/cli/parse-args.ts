import { OptionError } from './cli-errors.js';
import { FLAGS, type FlagSpec } from './flags.js';

/** Raw parsed flags, keyed by `FlagSpec.key`: booleans, counts, strings, string lists and pairs. */
export type RawOptions = Record<string, boolean | number | string | string[] | [string, string] | undefined>;

/** The command line split into flags and positionals (playbooks, or a subcommand). */
export interface ParsedArgs {
  options: RawOptions;
  positionals: string[];
}

const indexes = new WeakMap<FlagSpec[], { byLong: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> }>();

function indexOf(flags: FlagSpec[]): { byLong: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> } {
  let index = indexes.get(flags);
  if (!index) {
    index = { byLong: new Map(), byShort: new Map() };
    for (const flag of flags) {
      index.byLong.set(flag.long, flag);
      for (const alias of flag.aliases ?? []) index.byLong.set(alias, flag);
      if (flag.short) index.byShort.set(flag.short, flag);
    }
    indexes.set(flags, index);
  }
  return index;
}

/**
 * Parses argv with Ansible's habits: `-vvv`, clustered booleans (`-CDb`), `-e k=v` or `-ek=v`, `--opt=value`,
 * repeated list flags, `--` ends flags. Unknown flags and missing values throw an OptionError naming the flag.
 * Subcommands (`play inventory`, `play vault` …) pass their own flag table.
 */
export function parseArgs(argv: string[], flags: FlagSpec[] = FLAGS): ParsedArgs {
  const { byLong, byShort } = indexOf(flags);
  const options: RawOptions = {};
  const positionals: string[] = [];
  let i = 0;
  const take = (flag: FlagSpec, shown: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const next = argv[i + 1];
    if (next === undefined)
      throw new OptionError(shown, `\`${shown}\` needs a value (${flag.meta ?? 'VALUE'})`);
    i++;
    return next;
  };
  const apply = (flag: FlagSpec, shown: string, inline: string | undefined) => {
    switch (flag.kind) {
      case 'boolean':
        if (inline !== undefined)
          throw new OptionError(shown, `\`${shown}\` takes no value, got ${JSON.stringify(inline)}`);
        options[flag.key] = true;
        return;
      case 'count':
        options[flag.key] = ((options[flag.key] as number | undefined) ?? 0) + 1;
        return;
      case 'value':
        options[flag.key] = take(flag, shown, inline);
        return;
      case 'list':
        options[flag.key] = [
          ...((options[flag.key] as string[] | undefined) ?? []),
          take(flag, shown, inline),
        ];
        return;
      case 'pair': {
        const first = take(flag, shown, inline);
        const second = argv[i + 1];
        if (second === undefined)
          throw new OptionError(shown, `\`${shown}\` needs two values (${flag.meta})`);
        i++;
        options[flag.key] = [first, second];
        return;
      }
    }
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const flag = byLong.get(name);
      if (!flag) throw new OptionError(`--${name}`, `unknown option \`--${name}\``);
      apply(flag, `--${name}`, eq < 0 ? undefined : arg.slice(eq + 1));
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let c = 1; c < arg.length; c++) {
        const flag = byShort.get(arg[c]);
        if (!flag) throw new OptionError(`-${arg[c]}`, `unknown option \`-${arg[c]}\``);
        if (flag.kind === 'boolean' || flag.kind === 'count') {
          apply(flag, `-${arg[c]}`, undefined);
          continue;
        }
        const rest = arg.slice(c + 1);
        apply(flag, `-${arg[c]}`, rest === '' ? undefined : rest);
        break;
      }
    } else positionals.push(arg);
  }
  return { options, positionals };
}
