import { z } from 'zod';
import { BOOLEAN_TEXT_PATTERN } from '../../modules/ansible-boolean.js';
import { LOOKUP_NAMES } from '../template/lookups/names.js';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const condition = z.union([z.string(), z.boolean(), z.array(z.union([z.string(), z.boolean()]))]);
/** A value left for the templar (`"{{ x }}"`): checked when the task runs. */
const templated = z.string().regex(/\{\{|\{%/);
/** Ansible's booleans (modules/ansible-boolean.ts: yes/no, on/off, true/false, y/n, t/f, 1/0, any case), or a template. */
const flag = z.union([
  z.boolean(),
  z.literal(0),
  z.literal(1),
  z.string().regex(new RegExp(BOOLEAN_TEXT_PATTERN)),
  templated,
]);
/** A whole number, written as a number or as digits, or a template. */
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/), templated]);
/** A serial batch: a host count, a percentage, or a template. */
const batch = z.union([z.number().int().min(1), z.string().regex(/^\d+%?$/), templated]);
const mapping = z.record(z.string(), z.unknown());
/** `vars:` as a mapping, or a list of mappings merged in order (Ansible accepts both). */
const varsMapping = z.union([mapping, z.array(mapping)]);
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'Expected a variable name (letters, digits, underscores)' });

/** The value types of task keywords (module keys are validated by each module's own schema). */
export const taskKeywordsSchema = z
  .object({
    name: z.string(),
    when: condition,
    loop: z.union([z.string(), z.array(z.unknown())]),
    with_items: z.union([z.string(), z.array(z.unknown())]),
    with_list: z.union([z.string(), z.array(z.unknown())]),
    with_dict: z.union([z.string(), mapping]),
    ...Object.fromEntries(
      LOOKUP_NAMES.filter((n) => !['items', 'list', 'dict'].includes(n)).map((n) => [
        `with_${n}`,
        z.union([z.string(), z.array(z.unknown()), mapping]),
      ]),
    ),
    loop_control: z
      .object({
        loop_var: z.union([identifier, templated]),
        index_var: z.union([identifier, templated]),
        label: z.unknown(),
        pause: z.union([z.number().min(0), templated]),
        extended: z.union([z.boolean(), templated]),
        extended_allitems: z.union([z.boolean(), templated]),
      })
      .partial()
      .strict(),
    register: identifier,
    notify: stringOrList,
    listen: stringOrList,
    changed_when: condition,
    failed_when: condition,
    ignore_errors: flag,
    ignore_unreachable: flag,
    until: z.union([z.string(), z.boolean()]),
    retries: count,
    delay: z.union([z.number().min(0), z.string().regex(/^\d+(\.\d+)?$/), templated]),
    tags: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
    become: flag,
    become_user: z.string(),
    become_method: z.enum(['sudo', 'su', 'doas']),
    become_flags: z.string(),
    delegate_to: z.string(),
    delegate_facts: z.boolean(),
    run_once: flag,
    no_log: flag,
    check_mode: flag,
    diff: flag,
    environment: z.union([mapping, z.string()]),
    vars: varsMapping,
    throttle: z.number().int().min(0),
    args: mapping,
    any_errors_fatal: flag,
    timeout: count,
    async: count,
    poll: count,
  })
  .partial();

/** The value types of play keywords. */
export const playKeywordsSchema = z
  .object({
    name: z.string(),
    hosts: z.union([z.string(), z.array(z.string())]),
    vars: varsMapping,
    vars_files: z.union([z.string(), z.array(z.union([z.string(), z.array(z.string())]))]),
    become: flag,
    become_user: z.string(),
    become_method: z.enum(['sudo', 'su', 'doas']),
    become_flags: z.string(),
    gather_facts: flag,
    gather_subset: stringOrList,
    gather_timeout: count,
    fact_path: z.string(),
    serial: z.union([batch, z.array(batch)]),
    strategy: z.union([z.enum(['linear', 'free', 'host_pinned']), templated]),
    roles: z.array(z.union([z.string(), mapping])),
    pre_tasks: z.array(z.unknown()),
    tasks: z.array(z.unknown()),
    post_tasks: z.array(z.unknown()),
    handlers: z.array(z.unknown()),
    tags: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
    any_errors_fatal: flag,
    max_fail_percentage: z.union([z.number().min(0).max(100), templated]),
    environment: z.union([mapping, z.string()]),
    import_playbook: z.string(),
    remote_user: z.string(),
    connection: z.string(),
    force_handlers: flag,
    check_mode: flag,
    diff: flag,
    ignore_errors: flag,
    no_log: flag,
  })
  .partial();
