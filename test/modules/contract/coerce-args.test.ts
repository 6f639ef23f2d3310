import { describe, expect, test } from 'vitest';
import { coerceArguments, parseArguments } from '../../../modules/contract/coerce-args.js';
import { builtinEntries, builtinEntry } from '../../../modules/registry.js';

type Def = {
  type: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  out?: unknown;
  in?: unknown;
};
const defOf = (schema: unknown) => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The top-level arguments of a module schema whose type (under optional/default) is `type`. */
function argumentsOfType(schema: unknown, type: 'boolean' | 'number'): Array<{ name: string; int: boolean }> {
  let object = schema;
  for (let i = 0; i < 6 && defOf(object)?.type !== 'object'; i++) {
    const def = defOf(object);
    object = def?.out ?? def?.innerType ?? def?.in;
  }
  const found: Array<{ name: string; int: boolean }> = [];
  for (const [name, field] of Object.entries(defOf(object)?.shape ?? {})) {
    let base = field;
    while (['optional', 'default', 'nullable'].includes(defOf(base)?.type ?? ''))
      base = defOf(base)?.innerType;
    if (defOf(base)?.type === type) found.push({ name, int: (base as { isInt?: boolean }).isInt === true });
  }
  return found;
}

const issuesAt = (module: string, args: Record<string, unknown>, name: string) => {
  const parsed = parseArguments(builtinEntry(module)!.definition.args, args);
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === name);
};

describe('module arguments are converted like Ansible argument_spec types', () => {
  const modules = builtinEntries.map(([, e]) => e.definition);
  const booleans = modules.flatMap((d) => argumentsOfType(d.args, 'boolean').map((a) => [d.name, a.name]));
  const numbers = modules.flatMap((d) =>
    argumentsOfType(d.args, 'number')
      .filter((a) => !a.name.startsWith('_'))
      .map((a) => [d.name, a.name, a.int] as const),
  );

  test('the registry has boolean and integer arguments to check', () => {
    expect(booleans.length).toBeGreaterThan(40);
    expect(numbers.length).toBeGreaterThan(10);
  });

  test.each(booleans)('%s accepts "yes", "No", "on", "0" and 1 for the boolean `%s`', (module, name) => {
    const schema = builtinEntry(module)!.definition.args;
    for (const [written, meant] of [
      ['yes', true],
      ['No', false],
      ['on', true],
      ['0', false],
      [1, true],
    ] as const) {
      expect(issuesAt(module, { [name]: written }, name)).toEqual([]);
      expect((coerceArguments(schema, { [name]: written }) as Record<string, unknown>)[name]).toBe(meant);
    }
    expect(issuesAt(module, { [name]: 'maybe' }, name)).not.toEqual([]);
  });

  test.each(numbers)('%s accepts the text "10" for the number `%s`', (module, name, int) => {
    const schema = builtinEntry(module)!.definition.args;
    expect(issuesAt(module, { [name]: '10' }, name)).toEqual([]);
    expect((coerceArguments(schema, { [name]: '10' }) as Record<string, unknown>)[name]).toBe(10);
    if (int) expect(issuesAt(module, { [name]: '10.5' }, name)).not.toEqual([]);
  });

  test('aliases, lists, strings and null are converted under the argument they name', () => {
    const lineinfile = builtinEntry('lineinfile')!.definition.args;
    const parsed = parseArguments(lineinfile, { dest: '/x', line: 42, create: 'yes', mode: null });
    expect(parsed.success && parsed.data).toMatchObject({ path: '/x', line: '42', create: true });
    const getUrl = builtinEntry('get_url')!.definition.args;
    const fetched = parseArguments(getUrl, {
      url: 'http://127.0.0.1/x',
      dest: '/tmp/x',
      unredirected_headers: 'Authorization,Cookie',
      headers: 'a=1 b=2',
    });
    expect(fetched.success && fetched.data).toMatchObject({
      unredirected_headers: ['Authorization', 'Cookie'],
      headers: { a: '1', b: '2' },
    });
  });
});
