import type { CommonKeywords } from '../graph.js';
import { describeValue } from '../issues.js';
import { taskKeywordsSchema } from '../schema/keywords.js';
import { didYouMean } from '../suggest.js';
import { childPath, positionOf } from '../yaml/load.js';
import { type CompileContext, type Inherited, issue, type Source } from './compile-context.js';
import { keywordBoolean, keywordFlag } from './flags.js';
import { expectation } from './keyword-shapes.js';
import { TASK_KEYWORDS, varsOf } from './keywords.js';

/** What `meta:` accepts (Ansible's actions). */
export const META_ACTIONS: string[] = [
  'flush_handlers',
  'end_play',
  'end_host',
  'end_batch',
  'clear_facts',
  'clear_host_errors',
  'refresh_inventory',
  'noop',
  'reset_connection',
];

/** A keyword value as a list of strings (`notify: x` and `notify: [x]` alike). */
export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A task's or block's `notify`: its own, else the one it inherits from an enclosing block or include. */
export function notifyOf(item: Record<string, unknown>, inherited: Inherited): string[] {
  return item.notify !== undefined && item.notify !== null ? asList(item.notify) : (inherited.notify ?? []);
}

/** Tag names from `tags:` as written (a tag, a list, or comma-separated text). */
export function tagList(value: unknown): string[] {
  return asList(value)
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Conditions (`when`, `changed_when` …) as a list of expressions. */
export function conditions(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/** Checks and reads the keywords every task and block accepts (`when`, `tags`, `become` …). */
export function commonKeywords(
  ctx: CompileContext,
  source: Source,
  item: Record<string, unknown>,
  path: string,
  inherited: Inherited,
): CommonKeywords {
  const parsed = taskKeywordsSchema.safeParse(
    Object.fromEntries(Object.entries(item).filter(([k]) => TASK_KEYWORDS.has(k))),
  );
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const key = String(zi.path[0]);
      const value = item[key];
      if (zi.code === 'unrecognized_keys') {
        const known = key === 'loop_control' ? ['loop_var', 'index_var', 'label', 'pause', 'extended'] : [];
        for (const unknown of zi.keys) {
          issue(
            ctx,
            source,
            childPath(childPath(path, key), unknown),
            'unknown-keyword',
            `unknown key \`${unknown}\` in \`${key}\`${didYouMean(unknown, known)}`,
          );
        }
        continue;
      }
      issue(
        ctx,
        source,
        childPath(path, key),
        'invalid-keyword',
        `Expected \`${key}\` ${expectation(zi, key)}, got ${describeValue(value)}`,
      );
    }
  }
  const pos = positionOf(source.loaded, path);
  const become =
    item.become !== undefined ||
    item.become_user !== undefined ||
    item.become_method !== undefined ||
    item.become_flags !== undefined
      ? {
          become: keywordFlag(item.become),
          user: item.become_user as string | undefined,
          method: item.become_method as 'sudo' | 'su' | 'doas' | undefined,
          flags: item.become_flags as string | undefined,
        }
      : undefined;
  return {
    when: conditions(item.when),
    tags: [...new Set([...inherited.tags, ...tagList(item.tags)])],
    become,
    vars: varsOf(item.vars),
    environment: item.environment as CommonKeywords['environment'],
    ignoreErrors: keywordFlag(item.ignore_errors),
    ignoreUnreachable: keywordBoolean(item.ignore_unreachable),
    noLog: keywordFlag(item.no_log),
    checkMode: keywordFlag(item.check_mode),
    diff: keywordBoolean(item.diff),
    delegateTo: item.delegate_to as string | undefined,
    runOnce: keywordBoolean(item.run_once),
    throttle: item.throttle as number | undefined,
    anyErrorsFatal: keywordBoolean(item.any_errors_fatal),
    ...(item.remote_user !== undefined ? { remoteUser: String(item.remote_user) } : {}),
    ...(item.connection !== undefined ? { connection: String(item.connection) } : {}),
    role: source.role,
    location: { file: source.loaded.file, line: pos?.line ?? 1, column: pos?.column ?? 1 },
  };
}
