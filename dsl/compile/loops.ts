import type { LoopControl } from '../graph.js';
import { didYouMean } from '../suggest.js';
import { bareLookupName, isLookupName, LOOKUP_NAMES } from '../template/lookups/names.js';

/** How a `with_<lookup>` loop is kept in the graph: the runner renders `terms` and runs the lookup. */
export interface LookupLoop {
  __lookup: string;
  terms: unknown;
}

/** Whether a task key is a loop keyword: `loop` or any `with_<lookup>` (known or not). */
export function isLoopKey(key: string): boolean {
  return key === 'loop' || key.startsWith('with_');
}

/** A problem with a task's loop keywords, at `key`. */
export interface LoopProblem {
  key: string;
  code: string;
  message: string;
}

/**
 * The loop of a task or include, Ansible's rule: `loop` as written; `with_<lookup>: terms` runs lookup
 * `<lookup>` on the rendered terms (so `with_items` flattens one level and `with_list` does not).
 */
export function compileLoop(task: Record<string, unknown>): { loop?: unknown; problems: LoopProblem[] } {
  const keys = Object.keys(task).filter(isLoopKey);
  const problems: LoopProblem[] = [];
  if (keys.length > 1)
    problems.push({
      key: keys[1],
      code: 'conflicting-loops',
      message: `duplicate loop in task: ${keys.map((k) => `\`${k}\``).join(', ')} (use one)`,
    });
  const key = keys[0];
  if (key === undefined) return { problems };
  if (key === 'loop') return { loop: task.loop, problems };
  const name = key.slice('with_'.length);
  if (!isLookupName(name)) {
    problems.push({
      key,
      code: 'unknown-lookup',
      message: `\`${key}\`: lookup plugin \`${name}\` not found${didYouMean(
        key,
        LOOKUP_NAMES.map((n) => `with_${n}`),
      )}`,
    });
    return { problems };
  }
  const loop: LookupLoop = { __lookup: bareLookupName(name), terms: task[key] };
  return { loop, problems };
}

/** Whether a graph loop value is a `with_<lookup>` loop. */
export function isLookupLoop(loop: unknown): loop is LookupLoop {
  return loop !== null && typeof loop === 'object' && !Array.isArray(loop) && '__lookup' in loop;
}

/** `loop_control` as written (`loop_var`, `index_var` …) in the graph's names (`loopVar`, `indexVar` …). */
export function renameLoopControl(lc: Record<string, unknown>): Partial<LoopControl> {
  return {
    ...(lc.loop_var ? { loopVar: String(lc.loop_var) } : {}),
    ...(lc.index_var ? { indexVar: String(lc.index_var) } : {}),
    ...(lc.label !== undefined ? { label: String(lc.label) } : {}),
    ...(lc.pause !== undefined ? { pause: typeof lc.pause === 'string' ? lc.pause : Number(lc.pause) } : {}),
    ...(lc.extended !== undefined
      ? { extended: typeof lc.extended === 'string' ? lc.extended : Boolean(lc.extended) }
      : {}),
    ...(lc.extended_allitems !== undefined
      ? {
          extendedAllitems:
            typeof lc.extended_allitems === 'string' ? lc.extended_allitems : Boolean(lc.extended_allitems),
        }
      : {}),
  };
}
