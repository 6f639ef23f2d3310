import { LOOKUP_NAMES } from '../template/lookups/names.js';

/** Keywords a play accepts (Ansible's play keywords that Spindle supports). */
export const PLAY_KEYWORDS = new Set([
  'name',
  'hosts',
  'vars',
  'vars_files',
  'vars_prompt',
  'become',
  'become_user',
  'become_method',
  'become_flags',
  'gather_facts',
  'gather_subset',
  'gather_timeout',
  'fact_path',
  'serial',
  'strategy',
  'roles',
  'pre_tasks',
  'tasks',
  'post_tasks',
  'handlers',
  'tags',
  'any_errors_fatal',
  'max_fail_percentage',
  'environment',
  'import_playbook',
  'remote_user',
  'connection',
  'force_handlers',
  'check_mode',
  'diff',
  'ignore_errors',
  'ignore_unreachable',
  'order',
  'run_once',
  'throttle',
  'no_log',
  'collections',
  'module_defaults',
  'when',
  'timeout',
  'port',
  'debugger',
]);

/** Keywords a task accepts besides its module key. */
export const TASK_KEYWORDS = new Set([
  'name',
  'when',
  'loop',
  'loop_control',
  ...LOOKUP_NAMES.map((name) => `with_${name}`),
  'register',
  'notify',
  'listen',
  'changed_when',
  'failed_when',
  'ignore_errors',
  'ignore_unreachable',
  'until',
  'retries',
  'delay',
  'tags',
  'become',
  'become_user',
  'become_method',
  'become_flags',
  'delegate_to',
  'delegate_facts',
  'run_once',
  'no_log',
  'check_mode',
  'diff',
  'environment',
  'vars',
  'throttle',
  'args',
  'any_errors_fatal',
  'timeout',
  'remote_user',
  'connection',
  'debugger',
  'collections',
  'module_defaults',
  'async',
  'poll',
  'local_action',
  'action',
]);

/** Keywords of a block (the task keywords it passes down, plus its sections). */
export const BLOCK_KEYWORDS = new Set(['block', 'rescue', 'always', ...TASK_KEYWORDS]);

/** Task keys that are not modules but structure: includes, imports, meta. */
export const STRUCTURAL_KEYS = new Set([
  'include_tasks',
  'import_tasks',
  'include_role',
  'import_role',
  'meta',
  'include',
  'import_playbook',
  'include_vars',
]);

/** `vars:` as written (a mapping, or a list of mappings merged in order) as one mapping. */
export function varsOf(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.assign({}, ...value.filter((v) => v && typeof v === 'object'));
  return value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
}

/**
 * The strategy a play runs with: `host_pinned` runs as `free`; a templated strategy runs as `linear` (the two
 * give the same results on one host, and the strategy is chosen before any variable is known).
 */
export function strategyOf(value: unknown): 'linear' | 'free' {
  return value === 'free' || value === 'host_pinned' ? 'free' : 'linear';
}

/** A task key as the structural keyword it spells (`ansible.builtin.include_tasks` → `include_tasks`). */
export function structuralName(key: string): string {
  return key.replace(/^ansible\.(builtin|legacy)\./, '');
}
