import type { LoopControl } from '../../dsl/graph.js';
import { pyStr } from '../../dsl/template/python-repr.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import { isTemplateTrue } from '../../modules/ansible-boolean.js';
import type { RunState } from './run-state.js';

/** `loop_control` rendered for one host: names may be templates (`loop_var: "{{ name }}"`), as in Ansible. */
export interface LoopSettings {
  loopVar: string;
  indexVar?: string;
  extended: boolean;
  allItems: boolean;
  /** Seconds to wait between two items (`pause`). */
  pauseSeconds: number;
}

/** Renders a task's `loop_control` with the host's variables (Ansible post-validates it per host). */
export function loopSettings(
  state: RunState,
  control: LoopControl | undefined,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): LoopSettings {
  const render = (value: unknown) => state.templar.render(value, vars, where);
  return {
    loopVar: String(render(control?.loopVar ?? 'item')),
    ...(control?.indexVar ? { indexVar: String(render(control.indexVar)) } : {}),
    extended: control?.extended === undefined ? false : isTemplateTrue(render(control.extended)),
    allItems:
      control?.extendedAllitems === undefined ? true : isTemplateTrue(render(control.extendedAllitems)),
    pauseSeconds: control?.pause === undefined ? 0 : Number(render(control.pause)) || 0,
  };
}

/**
 * The variables one loop item adds, which its result also carries: the item under `loop_var`,
 * `ansible_loop_var`, the index under `index_var` (`ansible_index_var`), and `ansible_loop` when `extended`.
 */
export function itemVariables(
  settings: LoopSettings,
  items: unknown[],
  index: number,
): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    [settings.loopVar]: items[index],
    ansible_loop_var: settings.loopVar,
  };
  if (settings.indexVar) {
    vars[settings.indexVar] = index;
    vars.ansible_index_var = settings.indexVar;
  }
  if (settings.extended) {
    const loop: Record<string, unknown> = {
      index: index + 1,
      index0: index,
      first: index === 0,
      last: index + 1 === items.length,
      length: items.length,
      revindex: items.length - index,
      revindex0: items.length - index - 1,
    };
    if (settings.allItems) loop.allitems = items;
    if (index + 1 < items.length) loop.nextitem = items[index + 1];
    if (index > 0) loop.previtem = items[index - 1];
    vars.ansible_loop = loop;
  }
  return vars;
}

/**
 * How a loop item is named in output (`=> (item=…)`): `loop_control.label` rendered with the item's variables, or
 * the item, as Python's `str` prints it (`{'key': 'a'}`, `['x', 'y']`, `None`), as Ansible's callback does.
 */
export function itemLabel(
  state: RunState,
  control: LoopControl | undefined,
  item: unknown,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): string {
  if (control?.label !== undefined) return pyStr(state.templar.render(control.label, vars, where));
  return pyStr(item);
}
