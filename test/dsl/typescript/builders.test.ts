import { describe, expect, test } from 'vitest';
import { play, playbook, tasks } from '../../../dsl/typescript/index.js';
import { builtinEntries } from '../../../modules/registry.js';

// This file is compiled by `npm run typecheck`: each `@ts-expect-error` line must be a type error, so a
// builder that stopped checking its arguments fails the typecheck (and with it `npm test`).

describe('typed TypeScript builders', () => {
  test('every module of the registry has a builder that writes the task in Ansible shape', () => {
    for (const [name] of builtinEntries) expect(typeof tasks[name]).toBe('function');
    expect(tasks.copy({ dest: '/tmp/x', content: 'hi' }, { notify: 'reload' })).toEqual({
      copy: { dest: '/tmp/x', content: 'hi' },
      notify: 'reload',
    });
  });

  test('aliases are accepted where the argument is (`path` for copy `dest`, `dest` for file `path`)', () => {
    expect(tasks.copy({ path: '/tmp/x', content: 'hi' })).toEqual({
      copy: { path: '/tmp/x', content: 'hi' },
    });
    expect(tasks.file({ dest: '/tmp/d', state: 'directory' })).toEqual({
      file: { dest: '/tmp/d', state: 'directory' },
    });
  });

  test('a misspelled value, argument or hand-over argument does not compile', () => {
    const written = [
      // @ts-expect-error `directroy` is not one of file's states
      tasks.file({ path: '/tmp/d', state: 'directroy' }),
      // @ts-expect-error copy has no `dst` argument (it is `dest`)
      tasks.copy({ dst: '/tmp/x', content: 'hi' }),
      // @ts-expect-error `_src_path` is handed over by the controller, never written in a playbook
      tasks.copy({ dest: '/tmp/x', _src_path: '/etc/passwd' }),
      // @ts-expect-error `mode` is a string or a number, not a boolean
      tasks.template({ src: 'a.j2', dest: '/tmp/a', mode: true }),
      // @ts-expect-error service has no `enable` argument (it is `enabled`)
      tasks.service({ name: 'nginx', enable: true }),
    ];
    // At run time the builders only shape data; the compiler's schema check rejects these (run-playbook tests).
    expect(written).toHaveLength(5);
  });

  test('a typed playbook is plain plays of tasks', () => {
    const plays = playbook(play({ hosts: 'all', tasks: [tasks.ping({}), tasks.apt({ name: 'curl' })] }));
    expect(plays[0].tasks).toEqual([{ ping: {} }, { apt: { name: 'curl' } }]);
  });
});
