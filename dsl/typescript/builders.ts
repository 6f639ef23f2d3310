import type { z } from 'zod';
import type { ModuleDefinition } from '../../modules/contract/define-module.js';
import type { playKeywordsSchema, taskKeywordsSchema } from '../schema/keywords.js';

/** Task keywords (`when`, `loop`, `register`, `notify` …) with their types from the same zod schema as YAML. */
export type TaskKeywords = z.input<typeof taskKeywordsSchema>;

/** One task, as data in Ansible's shape: keywords plus exactly one module key. */
export type Task = TaskKeywords & Record<string, unknown>;

/** A block of tasks with optional rescue/always sections. */
export interface Block extends TaskKeywords {
  block: Array<Task | Block>;
  rescue?: Array<Task | Block>;
  always?: Array<Task | Block>;
}

/** A play: keywords typed from the play schema, with typed task lists. */
export type Play = Omit<
  z.input<typeof playKeywordsSchema>,
  'tasks' | 'pre_tasks' | 'post_tasks' | 'handlers'
> & {
  tasks?: Array<Task | Block>;
  pre_tasks?: Array<Task | Block>;
  post_tasks?: Array<Task | Block>;
  handlers?: Array<Task & { listen?: string | string[] }>;
};

/** Makes a typed task builder for a module: its arguments are `z.input` of the module's own schema. */
export function moduleTask<D extends ModuleDefinition>(
  definition: D,
): (args: z.input<D['args']>, keywords?: TaskKeywords) => Task {
  return (args, keywords = {}) => ({ ...keywords, [definition.name]: args });
}

/** A play (identity at run time; typed in the editor). */
export function play(definition: Play): Play {
  return definition;
}

/** A block (identity at run time; typed in the editor). */
export function block(definition: Block): Block {
  return definition;
}

/** A playbook: the list of plays a `.ts` playbook exports by default. */
export function playbook(...plays: Play[]): Play[] {
  return plays;
}
