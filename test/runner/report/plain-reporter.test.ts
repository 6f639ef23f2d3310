import { describe, expect, it } from 'vitest';
import { Secret } from '../../../bootstrap/codec.js';
import { createPlainReporter } from '../../../runner/report/plain-reporter.js';
import { StringSink } from '../../../runner/report/text-sink.js';
import { sampleRun } from './fixtures.js';

const GOLDEN = `
PLAY [configure] ***************************************************************

TASK [say hello] ***************************************************************
ok: [web1] => {
    "msg": "hello web1"
}
skipping: [db1]

TASK [write files] *************************************************************
--- before: /etc/a.conf
+++ after: /etc/a.conf
@@ -1,1 +1,1 @@
-x=1
+x=2
changed: [web1] => (item=a.conf)
ok: [web1] => (item=b.conf)
fatal: [db1]: UNREACHABLE! => {"changed": false, "msg": "ssh: connect to 127.0.0.1 port 2222: connection refused", "unreachable": true}

TASK [probe service] ***********************************************************
[web1] checking…
fatal: [web1]: FAILED! => {"changed": true, "msg": "non-zero return code", "rc": 3, "stdout": "checking…"}
...ignoring

RUNNING HANDLER [restart app] **************************************************
ok: [web1]
[WARNING]: a deprecated keyword (site.yml:4:3)

PLAY RECAP *********************************************************************
db1                        : ok=1    changed=0    unreachable=1    failed=0    skipped=1    rescued=0    ignored=0   
web1                       : ok=3    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1   

`;

describe('plain reporter', () => {
  it('renders a run exactly like Ansible’s default callback', () => {
    const out = new StringSink();
    const reporter = createPlainReporter({ out });
    for (const event of sampleRun()) reporter.handle(event);
    expect(out.text).toBe(GOLDEN);
  });

  it('writes warnings to the error sink when one is given', () => {
    const out = new StringSink();
    const err = new StringSink();
    const reporter = createPlainReporter({ out, err });
    for (const event of sampleRun()) reporter.handle(event);
    expect(err.text).toBe('[WARNING]: a deprecated keyword (site.yml:4:3)\n');
    expect(out.text).not.toContain('WARNING');
  });

  it('prints result bodies on one line at -v and indented at -vvv', () => {
    const event = {
      kind: 'task:result' as const,
      host: 'h',
      taskId: 't',
      task: 'x',
      status: 'changed' as const,
      result: { changed: true, rc: 0 },
      durationMs: 1,
      time: 1,
    };
    const one = new StringSink();
    createPlainReporter({ out: one, verbosity: 1 }).handle(event);
    expect(one.text).toBe('changed: [h] => {"changed": true, "rc": 0}\n');
    const three = new StringSink();
    createPlainReporter({ out: three, verbosity: 3 }).handle(event);
    expect(three.text).toBe('changed: [h] => {\n    "changed": true,\n    "rc": 0\n}\n');
  });

  it('prints `task path: FILE:LINE` under a task banner from -vv, as Ansible', () => {
    const event = {
      kind: 'task:start' as const,
      play: 'p',
      task: 'x',
      taskId: 't',
      handler: false,
      source: { file: '/srv/site.yml', line: 12, column: 5 },
      time: 1,
    };
    const one = new StringSink();
    createPlainReporter({ out: one, verbosity: 1 }).handle(event);
    expect(one.text).not.toContain('task path');
    const two = new StringSink();
    createPlainReporter({ out: two, verbosity: 2 }).handle(event);
    expect(two.text.split('\n').slice(1, 3)).toEqual([
      'TASK [x] ***********************************************************************',
      'task path: /srv/site.yml:12',
    ]);
  });

  it('never prints the value of a secret left in a result', () => {
    const out = new StringSink();
    createPlainReporter({ out }).handle({
      kind: 'task:result',
      host: 'h',
      taskId: 't',
      task: 'x',
      status: 'failed',
      result: { password: new Secret('hunter2'), msg: 'bad login' },
      durationMs: 1,
      time: 1,
    });
    expect(out.text).toBe(
      'fatal: [h]: FAILED! => {"changed": false, "msg": "bad login", "password": "[secret]"}\n',
    );
  });

  it('prints an unreachable host once when both the event and the result report it', () => {
    const out = new StringSink();
    const reporter = createPlainReporter({ out });
    reporter.handle({
      kind: 'host:unreachable',
      host: 'g',
      taskId: 't',
      phase: 'spawn',
      msg: 'no route',
      time: 1,
    });
    reporter.handle({
      kind: 'task:result',
      host: 'g',
      taskId: 't',
      task: 'x',
      status: 'unreachable',
      msg: 'no route',
      result: { unreachable: true, changed: false, msg: 'no route' },
      durationMs: 1,
      time: 1,
    });
    expect(out.text).toBe(
      'fatal: [g]: UNREACHABLE! => {"changed": false, "msg": "no route", "unreachable": true}\n',
    );
  });

  it('labels delegated results and failed loop items like Ansible', () => {
    const out = new StringSink();
    const reporter = createPlainReporter({ out });
    reporter.handle({
      kind: 'task:result',
      host: 'a',
      taskId: 't',
      task: 'x',
      status: 'ok',
      delegatedTo: 'b',
      result: {},
      durationMs: 1,
      time: 1,
    });
    reporter.handle({
      kind: 'task:result',
      host: 'a',
      taskId: 't',
      task: 'x',
      status: 'failed',
      item: { label: '3', index: 2 },
      msg: 'boom',
      result: {},
      durationMs: 1,
      time: 1,
    });
    reporter.handle({
      kind: 'task:result',
      host: 'a',
      taskId: 'u',
      task: 'y',
      status: 'skipped',
      delegatedTo: 'b',
      result: { changed: false, skipped: true },
      durationMs: 1,
      time: 1,
    });
    // A skipped delegated task names the host alone, as Ansible's callback does.
    expect(out.text).toBe(
      'ok: [a -> b]\nfailed: [a] (item=3) => {"changed": false, "msg": "boom"}\nskipping: [a]\n',
    );
  });

  it('prints a rescued failure as fatal, as Ansible does (the recap counts it as rescued)', () => {
    const out = new StringSink();
    const reporter = createPlainReporter({ out });
    reporter.handle({
      kind: 'task:result',
      host: 'a',
      taskId: 't',
      task: 'x',
      status: 'rescued',
      msg: 'boom',
      result: { failed: true, msg: 'boom', rc: 1 },
      durationMs: 1,
      time: 1,
    });
    expect(out.text).toBe('fatal: [a]: FAILED! => {"changed": false, "msg": "boom", "rc": 1}\n');
  });
});

describe('plain reporter: which module ran, and what modules warn', () => {
  const start = (moduleKind: 'native' | 'ansible', module: string) => ({
    kind: 'task:start' as const,
    play: 'p',
    task: module,
    taskId: 't',
    handler: false,
    module,
    moduleKind,
    time: 1,
  });

  it('says at -v whether the native module or Ansible’s ran, and nothing without -v', () => {
    const verbose = new StringSink();
    const reporter = createPlainReporter({ out: verbose, verbosity: 1 });
    reporter.handle(start('native', 'file'));
    reporter.handle(start('ansible', 'community.general.ini_file'));
    expect(verbose.text).toContain('module: file (native)\n');
    expect(verbose.text).toContain("module: community.general.ini_file (Ansible's module, through Python)\n");
    const quiet = new StringSink();
    createPlainReporter({ out: quiet }).handle(start('ansible', 'community.general.ini_file'));
    expect(quiet.text).not.toContain('module:');
  });

  it('prints a module’s warnings and deprecations as Ansible does, not in the result body', () => {
    const out = new StringSink();
    const err = new StringSink();
    createPlainReporter({ out, err, verbosity: 1 }).handle({
      kind: 'task:result',
      host: 'h',
      taskId: 't',
      task: 'x',
      status: 'ok',
      result: {
        changed: false,
        warnings: ['careful'],
        deprecations: [{ msg: 'old option', version: '9.0.0' }],
      },
      durationMs: 1,
      time: 1,
    });
    expect(err.text).toBe(
      '[WARNING]: careful\n[DEPRECATION WARNING]: old option. This feature will be removed in version 9.0.0.\n',
    );
    expect(out.text).toBe('ok: [h] => {"changed": false}\n');
  });

  it('prints each distinct warning once per run, as Ansible’s display does', () => {
    const out = new StringSink();
    const err = new StringSink();
    const reporter = createPlainReporter({ out, err });
    const result = (taskId: string, warnings: string[]) =>
      reporter.handle({
        kind: 'task:result',
        host: 'h',
        taskId,
        task: taskId,
        status: 'ok',
        result: { changed: false, warnings },
        durationMs: 1,
        time: 1,
      });
    result('a', ['user x was not found']);
    result('b', ['user x was not found', 'user x was not found', 'other']);
    reporter.handle({ kind: 'warning', msg: 'other', time: 1 });
    expect(err.text).toBe('[WARNING]: user x was not found\n[WARNING]: other\n');
  });
});
