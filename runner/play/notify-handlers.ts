import type { HandlerNode, TaskNode } from '../../dsl/graph.js';
import { hasTemplate } from '../../dsl/template/has-template.js';
import type { HostRun } from './host-run.js';
import type { PlayScope } from './play-scope.js';

/** Handlers already warned about for a name that does not render (Ansible warns once per handler). */
const warnedUnusable = new WeakSet<HandlerNode>();

/**
 * A changed task notifies handlers as Ansible's strategy does: each notify entry (templated; a list notifies
 * each name) reaches the handler of that name (its name templated, `ROLE : name` for a role's), and every
 * handler listening to it (topics as written: Ansible 2.14 does not template them). A name nothing answers
 * ends the run (error_on_missing_handler) or warns.
 */
export function notifyHandlers(
  scope: PlayScope,
  task: TaskNode,
  host: HostRun,
  vars: Record<string, unknown>,
): void {
  const { state, play } = scope;
  const render = (text: string): unknown => (hasTemplate(text) ? state.templar.render(text, vars) : text);
  const names = task.notify.flatMap((written) => {
    let value: unknown;
    try {
      value = render(written);
    } catch {
      value = written;
    }
    return Array.isArray(value) ? value.map(String) : [String(value)];
  });
  const handlerName = (h: HandlerNode): string | undefined => {
    try {
      return String(render(h.name));
    } catch (error) {
      if (h.listen.length === 0 && !warnedUnusable.has(h)) {
        warnedUnusable.add(h);
        state.emit({
          kind: 'warning',
          msg: `Handler '${h.name}' is unusable because it has no listen topics and the name could not be templated (host-specific variables are not supported in handler names). The error: ${(error as Error).message}`,
          time: Date.now(),
        });
      }
      return undefined;
    }
  };
  for (const name of names) {
    const answers = (h: HandlerNode) => {
      const own = handlerName(h);
      const byName =
        own !== undefined && !h.shadowed && (own === name || `${h.role?.name} : ${own}` === name);
      return byName || h.listen.includes(name);
    };
    const matches = play.handlers.filter(answers);
    if (matches.length === 0) missingHandler(scope, task, name);
    for (const handler of matches) host.notified.add(handler.id);
  }
}

/** A changed task notified a handler nobody has or listens for: Ansible's error ending the run, or its warning. */
function missingHandler(scope: PlayScope, task: TaskNode, name: string): void {
  const { state } = scope;
  const msg = `The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`;
  if (state.options.errorOnMissingHandler === false) {
    state.emit({ kind: 'warning', msg, source: task.location, time: Date.now() });
    return;
  }
  state.runError ??= msg;
  state.aborted = true;
}
