import { describe, expect, it } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../dsl/index.js';
import { renderLoadErrors } from '../../../dsl/issues.js';

const inventory = new InventoryBuilder().build();

/** The load errors of a playbook given as data, as the CLI prints them. */
function loadErrors(plays: unknown[]): string {
  const { issues } = compilePlaybookValue('/tmp/site.yml', plays, { inventory });
  return renderLoadErrors(issues.filter((issue) => issue.severity === 'error'));
}

describe("load errors start with Ansible's ERROR! line", () => {
  it('names an attribute a play does not have, then our file:line detail', () => {
    const text = loadErrors([{ include: 'other.yml' }]);
    expect(text.split('\n')[0]).toBe("ERROR! 'include' is not a valid attribute for a Play");
    expect(text).toContain('[0].include: unknown play keyword `include`');
  });

  it('names an attribute a block does not have, and a play without hosts', () => {
    const block = loadErrors([{ hosts: 'all', tasks: [{ block: [{ debug: null }], foo: 1 }] }]);
    expect(block.split('\n')[0]).toBe("ERROR! 'foo' is not a valid attribute for a Block");
    const hostless = loadErrors([{ tasks: [] }]);
    expect(hostless.split('\n')[0]).toBe("ERROR! the field 'hosts' is required but was not set");
  });

  it('refuses include_role and import_role as handlers, as Ansible', () => {
    for (const action of ['include_role', 'ansible.builtin.import_role']) {
      const text = loadErrors([{ hosts: 'all', handlers: [{ name: 'h', [action]: { name: 'r' } }] }]);
      const bare = action.replace('ansible.builtin.', '');
      expect(text.split('\n')[0]).toBe(`ERROR! Using '${bare}' as a handler is not supported.`);
    }
  });

  it('allows one block level in a handler list but refuses a block inside it, as Ansible', () => {
    const handler = (inner: unknown) => [{ hosts: 'all', handlers: [{ name: 'h', block: [inner] }] }];
    expect(loadErrors(handler({ debug: null }))).toBe('');
    const nested = loadErrors(handler({ block: [{ debug: null }] }));
    expect(nested.split('\n')[0]).toBe('ERROR! Using a block as a handler is not supported.');
  });

  it('adds no ERROR! line for an error Ansible words otherwise', () => {
    const text = renderLoadErrors([{ code: 'x', severity: 'error', message: 'bad thing' }]);
    expect(text).toBe('bad thing');
  });
});
