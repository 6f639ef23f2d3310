import { didYouMean } from '../suggest.js';
import { constraintProblems } from './argument-constraints.js';
import type { ModuleDoc, OptionSpec } from './documentation.js';

/** One problem with an Ansible module's arguments; `arg` is the argument written, when there is one. */
export interface ArgumentProblem {
  arg?: string;
  code: 'unknown-argument' | 'invalid-argument';
  message: string;
}

const BOOLEAN = /^(y|yes|on|1|true|t|n|no|off|0|false|f)$/i;
const BOOLEAN_TRUE = /^(y|yes|on|1|true|t)$/i;

/** Why `value` cannot convert to the documented type, or undefined when it can (Ansible's lenient conversions). */
function typeProblem(value: unknown, type: string | undefined): string | undefined {
  switch (type) {
    case 'bool':
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1 || BOOLEAN.test(String(value))
        ? undefined
        : 'a boolean';
    case 'int':
      return Number.isInteger(typeof value === 'string' ? Number(value.trim()) : value) &&
        (typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''))
        ? undefined
        : 'an integer';
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Number(value)))
        ? undefined
        : 'a number';
    case 'str':
    case 'path':
      return value !== null && typeof value === 'object' ? 'a string' : undefined;
    case 'list':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? 'a list' : undefined;
    case 'dict':
      return Array.isArray(value) || (typeof value !== 'object' && typeof value !== 'string')
        ? 'a mapping'
        : undefined;
    default:
      return undefined;
  }
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function checkValue(key: string, spec: OptionSpec, value: unknown, module: string): ArgumentProblem[] {
  const wrong = typeProblem(value, spec.type);
  if (wrong)
    return [
      {
        arg: key,
        code: 'invalid-argument',
        message: `Expected \`${key}\` to be ${wrong}, got ${show(value)}`,
      },
    ];
  if (!Array.isArray(spec.choices) || spec.choices.length === 0) return [];
  const values = spec.type === 'list' ? (Array.isArray(value) ? value : String(value).split(',')) : [value];
  const allowed = spec.choices.map((c) => String(c));
  const bad = values.filter((v) => {
    const text = typeof v === 'string' ? v.trim() : String(v);
    if (allowed.includes(text)) return false;
    // YAML turns `yes` into true; Ansible compares the boolean's spellings too.
    return !(BOOLEAN.test(text) && spec.choices!.some((c) => typeof c === 'boolean'));
  });
  return bad.map((v) => ({
    arg: key,
    code: 'invalid-argument',
    message: `Expected \`${key}\` of module \`${module}\` to be one of ${allowed.map((c) => JSON.stringify(c)).join(', ')}, got ${show(v)}${didYouMean(String(v), allowed)}`,
  }));
}

/**
 * Checks a task's arguments against an Ansible module's DOCUMENTATION: unknown names (when the documentation
 * is complete), required options, types and choices, mutually exclusive options. `templated` names arguments
 * whose value is only known at run time: they count as present, and their values are not checked.
 */
export function checkAnsibleArguments(
  module: string,
  doc: ModuleDoc,
  args: Record<string, unknown>,
  templated: Set<string>,
): ArgumentProblem[] {
  const problems: ArgumentProblem[] = [];
  const canonical = new Map<string, string>();
  for (const [name, spec] of Object.entries(doc.options)) {
    canonical.set(name, name);
    for (const alias of spec?.aliases ?? []) canonical.set(String(alias), name);
  }
  const given = new Set<string>();
  const writtenAs = new Map<string, string>();
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('_ansible_')) continue;
    const name = canonical.get(key);
    if (!name) {
      if (doc.complete)
        problems.push({
          arg: key,
          code: 'unknown-argument',
          message: `unknown argument \`${key}\` for module \`${module}\`${didYouMean(key, canonical.keys())}`,
        });
      continue;
    }
    given.add(name);
    writtenAs.set(name, key);
    if (templated.has(key) || value === null || value === undefined) continue;
    problems.push(...checkValue(key, doc.options[name] ?? {}, value, module));
  }
  for (const [name, spec] of Object.entries(doc.options))
    if (spec?.required && !given.has(name))
      problems.push({ code: 'invalid-argument', message: `\`${name}\` is required by module \`${module}\`` });
  const present = new Set(given);
  for (const [name, spec] of Object.entries(doc.options))
    if (spec?.default !== undefined && spec.default !== null) present.add(name);
  const value = (name: string): unknown => {
    const key = writtenAs.get(name);
    if (key !== undefined && templated.has(key)) return undefined;
    const raw = key !== undefined ? args[key] : doc.options[name]?.default;
    const type = doc.options[name]?.type;
    return (type === 'bool' || type === 'boolean') && raw !== undefined && raw !== null
      ? BOOLEAN_TRUE.test(String(raw))
      : raw;
  };
  for (const problem of constraintProblems(doc.constraints, { given, present, value }))
    problems.push({
      ...(problem.arg ? { arg: writtenAs.get(problem.arg) ?? problem.arg } : {}),
      code: 'invalid-argument',
      message: `${module}: ${problem.message}`,
    });
  return problems;
}
