import type { z } from 'zod';

/** "Expected `key` …": what a keyword's value should look like, in words (shared by plays and tasks). */
export function expectation(zi: z.core.$ZodIssue, key: string, keyword = true): string {
  if (keyword && KEYWORD_SHAPES[key] && zi.code !== 'invalid_value') return `to be ${KEYWORD_SHAPES[key]}`;
  if (zi.code === 'invalid_type') {
    const shape = zi.expected === 'record' ? 'mapping' : zi.expected === 'array' ? 'list' : zi.expected;
    return `to be ${/^[aeiou]/.test(shape) ? 'an' : 'a'} ${shape}`;
  }
  if (zi.code === 'invalid_value')
    return `to be one of ${zi.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (zi.code === 'invalid_union')
    return `to be ${KEYWORD_SHAPES[key] ?? 'one of the forms in docs/playbooks.md'}`;
  return `to be valid (${zi.message})`;
}

/** Keywords whose value may take several forms, described for error messages. */
const KEYWORD_SHAPES: Record<string, string> = {
  loop: 'a list, or a template that gives one',
  with_items: 'a list, or a template that gives one',
  with_list: 'a list, or a template that gives one',
  when: 'a condition or a list of conditions',
  changed_when: 'a condition or a list of conditions',
  failed_when: 'a condition or a list of conditions',
  until: 'a condition',
  notify: 'a handler name or a list of names',
  listen: 'a topic or a list of topics',
  tags: 'a tag or a list of tags',
  environment: 'a mapping of variable names to values, or a template',
  retries: 'a whole number, or a template',
  delay: 'a number of seconds, or a template',
  timeout: 'a whole number of seconds, or a template',
  async: 'a whole number of seconds, or a template',
  poll: 'a whole number of seconds, or a template',
  serial: 'a number, a percentage like "30%", a list of them, or a template',
  max_fail_percentage: 'a percentage from 0 to 100, or a template',
  throttle: 'a whole number',
  hosts: 'a host pattern or a list of patterns',
  vars_files: 'a file name or a list of file names',
  become: 'a boolean (true/false, yes/no), or a template',
  gather_facts: 'a boolean (true/false, yes/no), or a template',
  gather_subset: 'a subset name (all, min, network, !hardware …) or a list of them',
  gather_timeout: 'a whole number of seconds, or a template',
  fact_path: 'a folder path',
  any_errors_fatal: 'a boolean (true/false, yes/no), or a template',
  force_handlers: 'a boolean (true/false, yes/no), or a template',
  ignore_errors: 'a boolean (true/false, yes/no), or a template',
  ignore_unreachable: 'a boolean (true/false, yes/no), or a template',
  no_log: 'a boolean (true/false, yes/no), or a template',
  check_mode: 'a boolean (true/false, yes/no), or a template',
  diff: 'a boolean (true/false, yes/no), or a template',
  run_once: 'a boolean (true/false, yes/no), or a template',
  vars: 'a mapping, or a list of mappings',
  strategy: 'one of "linear", "free", "host_pinned", or a template',
};
