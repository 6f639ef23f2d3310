import { isLookupLoop } from '../../dsl/compile/loops.js';
import type { TaskNode } from '../../dsl/graph.js';
import { loopTerms, type SearchKind } from '../../dsl/template/lookups/index.js';
import { TemplateError } from '../../dsl/template/templar.js';
import { markUnsafe } from '../../dsl/template/unsafe.js';
import type { TaskScope } from './execute-task.js';
import type { RunState } from './run-state.js';

/** Where a `with_first_found` task's lookup searches: Ansible picks it from the action's name. */
function lookupSubdir(action: string | undefined): SearchKind {
  if (action?.includes('template')) return 'templates';
  if (action?.includes('var')) return 'vars';
  return 'files';
}

/** `with_first_found` terms: each rendered on its own, and the ones with undefined variables dropped (Ansible's). */
function definedTerms(state: RunState, terms: unknown, scope: TaskScope): unknown[] {
  if (!Array.isArray(terms))
    return loopTerms('first_found', state.templar.render(terms, scope.vars, scope.where));
  return terms.flatMap((term) => {
    try {
      return [state.templar.render(term, scope.vars, scope.where)];
    } catch (error) {
      if (error instanceof TemplateError && error.code === 'undefined') return [];
      throw error;
    }
  });
}

/**
 * The items of a task's (or include's) loop, for a host: `loop` rendered, or for `with_<lookup>` the lookup
 * run on the controller over the rendered terms (listified as Ansible does: a string is one term).
 */
export function expandLoop(
  state: RunState,
  task: Pick<TaskNode, 'loop'> & { module?: string },
  scope: TaskScope,
): unknown[] {
  const raw = task.loop as unknown;
  if (isLookupLoop(raw)) {
    const source = typeof raw.terms === 'string' ? raw.terms.trim() : raw.terms;
    const terms =
      raw.__lookup === 'first_found'
        ? definedTerms(state, source, scope)
        : loopTerms(raw.__lookup, state.templar.render(source, scope.vars, scope.where));
    // A lookup's items are data, as Ansible wraps them unsafe: a render that uses one is never templated again.
    return markUnsafe(
      state.templar.loopQuery(raw.__lookup, terms, scope.vars, scope.where, lookupSubdir(task.module)),
    );
  }
  const value = state.templar.render(raw, scope.vars, scope.where);
  if (!Array.isArray(value))
    throw new TemplateError('type', `Expected \`loop\` to be a list, got ${typeof value}`, scope.where);
  return value;
}
