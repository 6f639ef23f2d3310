import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compilePlaybook,
  compilePlaybookValue,
  InventoryBuilder,
  playbookJsonSchema,
} from '../../../dsl/index.js';
import { type LoadedYaml, loadYamlFile } from '../../../dsl/yaml/load.js';
import { builtinModules } from '../../../modules/registry.js';
import { checkSchema, type Schema } from '../../support/json-schema-check.js';

/**
 * The editor schema (`play schema`) and `--syntax-check` give the same verdict on the playbook corpus: every
 * valid playbook passes both, every invalid one fails both, except the mistakes a schema cannot see (missing
 * files and roles, Jinja2 syntax), listed here with the reason.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CORPUS = [
  'test/fixtures/playbooks/invalid',
  'test/fixtures/playbooks/run',
  'test/fixtures/playbooks/ssh',
  'test/runner/cli/fixtures',
  'playbooks',
];
const BEYOND_THE_SCHEMA: Record<string, string> = {
  'badwhen.yml': 'Jinja2 syntax of a condition',
  'unclosed-template.yml': 'Jinja2 syntax of a template',
  'import-playbook-missing.yml': 'a file that does not exist',
  'missing-import.yml': 'a file that does not exist',
  'missing-role.yml': 'a role folder that does not exist',
};

const schema = playbookJsonSchema() as Schema;
const inventory = new InventoryBuilder().build();

/** The value the editor checks: YAML as Ansible reads it, unquoted octal modes kept as written (`0644`). */
function editorValue(loaded: LoadedYaml): unknown {
  const value = structuredClone(loaded.value);
  for (const path of loaded.octalPaths) {
    if (!path.endsWith('.mode')) continue;
    const keys = path.match(/[^.[\]]+/g) ?? [];
    const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((n, k) => n[k] as never, value as never);
    const last = keys.at(-1) as string;
    parent[last] = `0${(parent[last] as number).toString(8)}`;
  }
  return value;
}

function verdicts(file: string): { syntaxCheck: string[]; schema: string[] } {
  const syntaxCheck = compilePlaybook(file, { inventory })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.message);
  const loaded = loadYamlFile(file);
  const errors = loaded.value === undefined ? ['YAML syntax'] : checkSchema(editorValue(loaded), schema);
  return { syntaxCheck, schema: errors };
}

describe('the editor schema and --syntax-check', () => {
  const files = CORPUS.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => join(ROOT, dir, f)),
  );

  it('run over a corpus with valid and invalid playbooks of each kind', () => {
    expect(files.length).toBeGreaterThan(60);
    const valid = files.filter((f) => verdicts(f).syntaxCheck.length === 0);
    expect(valid.length).toBeGreaterThan(15);
    expect(files.length - valid.length).toBeGreaterThan(40);
  });

  it.each(
    CORPUS.flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.yml'))
        .map((f) => [`${dir}/${f}`]),
    ),
  )('agree on %s', (relative) => {
    const { syntaxCheck, schema: schemaErrors } = verdicts(join(ROOT, relative));
    const name = relative.split('/').at(-1) as string;
    if (BEYOND_THE_SCHEMA[name]) {
      expect(syntaxCheck).not.toEqual([]);
      expect(schemaErrors).toEqual([]);
      return;
    }
    expect({ valid: schemaErrors.length === 0, schemaErrors }).toMatchObject({
      valid: syntaxCheck.length === 0,
    });
  });

  it.each([
    ['free-form `debug: var=x`', { debug: 'var=x' }, true],
    ['free-form lineinfile with the `dest` alias', { lineinfile: 'dest=/etc/x regexp=^a line="b c"' }, true],
    ['free-form `wait_for: port=22`', { wait_for: 'port=22' }, true],
    ['`loops:` (a typo of loop)', { debug: { msg: 'x' }, loops: [1] }, false],
    ['`mode: 755` (a number, not an octal string)', { file: { path: '/x', mode: 755 } }, false],
    ['two modules in one task', { command: 'true', shell: 'true' }, false],
    ['a task with no module', { name: 'nothing' }, false],
    ['an unknown argument in k=v text', { file: 'path=/x bogus=1' }, false],
    ['k=v text for a module without free-form text', { file: 'just words' }, false],
  ])('agree on %s', (_title, task, valid) => {
    const play = [{ hosts: 'all', gather_facts: false, tasks: [task] }];
    const compiled = compilePlaybookValue(join(ROOT, 'inline.yml'), play, { inventory });
    const syntaxOk = compiled.issues.filter((i) => i.severity === 'error').length === 0;
    const schemaErrors = checkSchema(play, schema);
    expect(syntaxOk).toBe(valid);
    expect({ valid: schemaErrors.length === 0, schemaErrors }).toMatchObject({ valid });
  });

  it('both refuse an unknown argument of every module, as a mapping (set_fact and add_host take any name: both accept)', () => {
    const disagreements: string[] = [];
    const accepted: string[] = [];
    for (const name of Object.keys(builtinModules)) {
      const play = [{ hosts: 'all', tasks: [{ [name]: { no_such_argument_at_all: 'x' } }] }];
      const compiled = compilePlaybookValue(join(ROOT, 'inline.yml'), play, { inventory });
      const syntaxOk = compiled.issues.every((i) => i.severity !== 'error');
      const schemaOk = checkSchema(play, schema).length === 0;
      if (syntaxOk !== schemaOk) disagreements.push(`${name}: syntax-check ${syntaxOk}, schema ${schemaOk}`);
      if (syntaxOk) accepted.push(name);
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toEqual(['add_host', 'set_fact']);
  });
});
