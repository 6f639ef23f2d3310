import type { z } from 'zod';
import type { AliasesOf, UnaliasedOf } from '../../modules/contract/aliases.js';
import type { ModuleDefinition } from '../../modules/contract/define-module.js';
import type { playKeywordsSchema, taskKeywordsSchema } from '../schema/keywords.js';
import { located } from './source-location.js';

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

/** Drops the hand-over arguments (`_src_path` …) that only a module's controller half fills in. */
type Public<I> = { [K in keyof I as K extends `_${string}` ? never : K]: I[K] };

/** Lets each alias stand for its argument (`path` for copy's `dest`); the argument itself becomes optional. */
type Aliased<I, A> = [A] extends [never]
  ? I
  : A extends Record<string, string>
    ? Omit<I, A[keyof A]> &
        Partial<Pick<I, Extract<A[keyof A], keyof I>>> & {
          [K in keyof A]?: A[K] extends keyof I ? I[A[K]] : never;
        }
    : I;

/**
 * The argument type of a module's builder: `z.input` of its schema (what a playbook may write, before
 * defaults), with its aliases, without hand-over arguments. A misspelled argument or value fails `tsc`.
 */
export type ModuleArguments<S extends z.ZodType> = Public<Aliased<z.input<UnaliasedOf<S>>, AliasesOf<S>>>;

/** A typed task builder: `tasks.copy({ dest, content }, { notify: 'reload' })`. */
export type TaskBuilder<D extends ModuleDefinition> = (
  args: ModuleArguments<D['args']>,
  keywords?: TaskKeywords,
) => Task;

/** Makes a typed task builder for a module (the registry makes one per built-in module). */
export function moduleTask<D extends ModuleDefinition>(definition: D): TaskBuilder<D> {
  return (args, keywords = {}) => located({ ...keywords, [definition.name]: args });
}

/** A play (returned as is, stamped with where it was written; typed in the editor). */
export function play(definition: Play): Play {
  return located(definition);
}

/** A block (returned as is, stamped with where it was written; typed in the editor). */
export function block(definition: Block): Block {
  return located(definition);
}

/** A playbook: the list of plays a `.ts` playbook exports by default. */
export function playbook(...plays: Play[]): Play[] {
  return plays;
}
