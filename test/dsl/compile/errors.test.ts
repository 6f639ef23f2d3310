import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'invalid');
const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();

function errors(file: string): string[] {
  const { issues } = compilePlaybook(join(dir, file), { inventory });
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.line}:${i.column} ${i.path ?? ''}: ${i.message}`);
}

describe('playbook errors name the file, line, column, path and the bad value', () => {
  const cases: Array<[string, string[]]> = [
    [
      'bad-mode.yml',
      ['5:9 [0].tasks[0].file.mode: Expected `mode` to be an octal string like "0644", got 755 (number)'],
    ],
    ['octal-mode-ok.yml', []],
    [
      'unknown-module.yml',
      ['4:7 [0].tasks[0].copyy: unknown keyword or module `copyy` (did you mean `copy`?)'],
    ],
    [
      'unknown-task-keyword.yml',
      ['5:7 [0].tasks[0].whenn: unknown keyword or module `whenn` (did you mean `when`?)'],
    ],
    ['unknown-play-keyword.yml', ['2:3 [0].taskss: unknown play keyword `taskss` (did you mean `tasks`?)']],
    ['no-hosts.yml', ['1:3 [0]: this play has no `hosts`']],
    [
      'unknown-argument.yml',
      [
        '3:7 [0].tasks[0].copy.dest: `dest` is required by module `copy`',
        '5:9 [0].tasks[0].copy.destt: unknown argument `destt` for module `copy` (did you mean `dest`?)',
      ],
    ],
    ['missing-required.yml', ['3:7 [0].tasks[0].file.path: `path` is required by module `file`']],
    [
      'bad-enum.yml',
      [
        '5:9 [0].tasks[0].file.state: Expected `state` to be one of "file", "directory", "touch", "absent", "link", "hard", got "dir" (string)',
      ],
    ],
    ['two-modules.yml', ['4:7 [0].tasks[0].shell: conflicting action statements: `command`, `shell`']],
    ['not-a-list.yml', ['1:1 : Expected a playbook to be a list of plays, got a mapping (object)']],
    [
      'task-not-mapping.yml',
      ['3:7 [0].tasks[0]: Expected a task to be a mapping, got "just a string" (string)'],
    ],
    [
      'bad-register.yml',
      [
        '4:7 [0].tasks[0].register: Expected `register` to be valid (Expected a variable name (letters, digits, underscores)), got "9lives" (string)',
      ],
    ],
    [
      'bad-strategy.yml',
      [
        '2:3 [0].strategy: Expected `strategy` to be one of "linear", "free", "host_pinned", or a template, got "fast" (string)',
      ],
    ],
    ['bad-kv.yml', ['3:7 [0].tasks[0].file: file: expected key=value, got `state`']],
    ['no-action.yml', ['3:7 [0].tasks[0]: this task names no module (e.g. `command:`, `copy:`)']],
    ['templated-args-ok.yml', []],
    [
      'bad-block-keyword.yml',
      ['5:7 [0].tasks[0].rescues: unknown block keyword `rescues` (did you mean `rescue`?)'],
    ],
    [
      'bad-any-errors-fatal.yml',
      [
        '2:3 [0].any_errors_fatal: Expected `any_errors_fatal` to be a boolean (true/false, yes/no), or a template, got "sometimes" (string)',
      ],
    ],
    [
      'bad-become-method.yml',
      [
        '3:3 [0].become_method: Expected `become_method` to be one of "sudo", "su", "doas", got "runas" (string)',
      ],
    ],
    [
      'bad-gather-facts.yml',
      [
        '2:3 [0].gather_facts: Expected `gather_facts` to be a boolean (true/false, yes/no), or a template, got "maybe" (string)',
      ],
    ],
    [
      'bad-max-fail.yml',
      [
        '2:3 [0].max_fail_percentage: Expected `max_fail_percentage` to be a percentage from 0 to 100, or a template, got "lots" (string)',
      ],
    ],
    [
      'bad-meta.yml',
      [
        '3:7 [0].tasks[0].meta: Expected `meta` to be one of "flush_handlers", "end_play", "end_host", "end_batch", "clear_facts", "clear_host_errors", "refresh_inventory", "noop", "reset_connection", got "flush_everything" (string)',
      ],
    ],
    [
      'bad-retries.yml',
      [
        '6:7 [0].tasks[0].retries: Expected `retries` to be a whole number, or a template, got "many" (string)',
      ],
    ],
    [
      'bad-serial.yml',
      [
        '2:3 [0].serial: Expected `serial` to be a number, a percentage like "30%", a list of them, or a template, got "lots" (string)',
      ],
    ],
    [
      'badwhen.yml',
      ['4:7 [0].tasks[0].when: template syntax error: [Line 1, Column 9] unexpected token: }}'],
    ],
    ['block-not-list.yml', ['3:7 [0].tasks[0].block: Expected a list of tasks, got a mapping (object)']],
    [
      'copy-mode-word.yml',
      [
        '6:9 [0].tasks[0].copy.mode: Expected `mode` to be an octal string like "0644" or a symbolic mode like "u+rwx,g-w", got "rw-r--r--" (string)',
      ],
    ],
    [
      'environment-list.yml',
      [
        '4:7 [0].tasks[0].environment: Expected `environment` to be a mapping of variable names to values, or a template, got a list (array)',
      ],
    ],
    [
      'handler-unknown-keyword.yml',
      ['7:7 [0].handlers[0].listenn: unknown keyword or module `listenn` (did you mean `listen`?)'],
    ],
    [
      'import-playbook-missing.yml',
      [`1:3 [0].import_playbook: import_playbook: ${dir}/nowhere.yml does not exist`],
    ],
    ['include-no-file.yml', ['3:7 [0].tasks[0].include_tasks: include_tasks needs a task file (`file`)']],
    [
      'lineinfile-state.yml',
      [
        '6:9 [0].tasks[0].lineinfile.state: Expected `state` to be one of "present", "absent", got "gone" (string)',
      ],
    ],
    [
      'loop-not-list.yml',
      ['5:7 [0].tasks[0].loop: Expected `loop` to be a list, or a template that gives one, got 5 (number)'],
    ],
    [
      'notify-mapping.yml',
      [
        '4:7 [0].tasks[0].notify: Expected `notify` to be a handler name or a list of names, got a mapping (object)',
      ],
    ],
    ['roles-not-list.yml', ['2:3 [0].roles: Expected `roles` to be a list, got "web" (string)']],
    [
      'service-state.yml',
      [
        '5:9 [0].tasks[0].service.state: Expected `state` to be one of "started", "stopped", "restarted", "reloaded", got "start" (string)',
      ],
    ],
    ['tab-indent.yml', ['3:1 : Tabs are not allowed as indentation']],
    ['template-no-src.yml', ['3:7 [0].tasks[0].template.src: `src` is required by module `template`']],
    ['unclosed-template.yml', ['4:9 [0].tasks[0].debug.msg: template syntax error: expected variable end']],
    ['user-uid.yml', ['5:9 [0].tasks[0].user.uid: Expected `uid` to be a number, got "alice" (string)']],
    [
      'vars-not-mapping.yml',
      ['2:3 [0].vars: Expected `vars` to be a mapping, or a list of mappings, got a list (array)'],
    ],
    [
      'with-unknown.yml',
      [
        '4:7 [0].tasks[0].with_itemz: `with_itemz`: lookup plugin `itemz` not found (did you mean `with_items`?)',
      ],
    ],
  ];
  for (const [file, expected] of cases) {
    test(`${file} reports ${expected.length === 0 ? 'nothing' : expected[0].replace(/^\S+ /, '').slice(0, 60)}`, () => {
      expect(errors(file)).toEqual(expected);
    });
  }

  test('a YAML syntax error is reported with its position', () => {
    const [first] = errors('yaml-syntax.yml');
    expect(first).toMatch(/^4:1 : /);
  });

  test('missing imports and roles name what was searched', () => {
    expect(errors('missing-import.yml')[0]).toMatch(
      /^3:7 \[0\]\.tasks\[0\]\.import_tasks: import_tasks: .*nowhere\.yml does not exist$/,
    );
    expect(errors('missing-role.yml')[0]).toMatch(
      /^3:7 \[0\]\.roles\[0\]: role `nosuchrole` not found \(searched .*roles\/nosuchrole/,
    );
  });

  test('bad loop_control keys are reported', () => {
    expect(errors('bad-loop-control.yml')).toEqual([
      '6:9 [0].tasks[0].loop_control.loop_vr: unknown key `loop_vr` in `loop_control` (did you mean `loop_var`?)',
    ]);
  });

  test('duplicate keys warn without failing', () => {
    const { issues } = compilePlaybook(join(dir, 'duplicate-key.yml'), { inventory });
    expect(issues.map((i) => `${i.severity} ${i.line}:${i.column} ${i.message}`)).toEqual([
      'warning 2:3 duplicate key `hosts`: the last value wins',
    ]);
  });

  test('all issues of a file are reported at once and rendered with an excerpt and caret', () => {
    const { issues } = compilePlaybook(join(dir, 'bad-mode.yml'), { inventory });
    expect(renderIssues(issues)).toBe(
      `${join(dir, 'bad-mode.yml')}:5:9 [0].tasks[0].file.mode: Expected \`mode\` to be an octal string like "0644", got 755 (number)\n   5 |         mode: 755\n     |         ^`,
    );
  });
});
