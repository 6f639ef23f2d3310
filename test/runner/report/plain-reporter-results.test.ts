import { describe, expect, it } from 'vitest';
import type { RunEventOf } from '../../../runner/report/events.js';
import { createPlainReporter } from '../../../runner/report/plain-reporter.js';
import { StringSink } from '../../../runner/report/text-sink.js';

const result = (over: Partial<RunEventOf<'task:result'>>): RunEventOf<'task:result'> => ({
  kind: 'task:result',
  host: 'h',
  taskId: 't',
  task: 'x',
  status: 'ok',
  result: {},
  durationMs: 1,
  time: 1,
  ...over,
});

/** The plain lines a reporter prints for some task results of one task running `module`. */
function render(module: string, results: RunEventOf<'task:result'>[], verbosity = 0): string {
  const out = new StringSink();
  const reporter = createPlainReporter({ out, verbosity });
  reporter.handle({ kind: 'task:start', play: 'p', task: 'x', taskId: 't', handler: false, module, time: 1 });
  for (const r of results) reporter.handle(r);
  return out.text.split('\n').slice(2).join('\n');
}

describe('plain reporter: result lines as Ansible prints them', () => {
  it('shows a skipped result at -v without the status keys', () => {
    const skipped = result({
      status: 'skipped',
      result: { changed: false, skipped: true, skip_reason: 'Conditional result was False' },
    });
    expect(render('command', [skipped], 1)).toBe(
      'skipping: [h] => {"changed": false, "skip_reason": "Conditional result was False"}\n',
    );
    expect(render('command', [skipped], 0)).toBe('skipping: [h]\n');
  });

  it('ends a skipped item line with a space and still prints the loop summary', () => {
    const item = result({
      status: 'skipped',
      item: { label: '2', index: 1 },
      result: { skipped: true, item: 2, ansible_loop_var: 'item', changed: false },
    });
    const summary = result({
      status: 'skipped',
      result: { changed: false, skipped: true, msg: 'All items skipped' },
    });
    expect(render('command', [item, summary])).toBe('skipping: [h] => (item=2) \nskipping: [h]\n');
    expect(render('debug', [item], 1)).toBe(
      'skipping: [h] => (item=2)  => {"ansible_loop_var": "item", "item": 2}\n',
    );
  });

  it('prints only the failed items of a loop, not its summary', () => {
    const item = result({
      status: 'ignored',
      item: { label: '1', index: 0 },
      result: { failed: true, msg: 'boom1', changed: false },
    });
    const summary = result({ status: 'ignored', result: { failed: true, msg: 'One or more items failed' } });
    expect(render('fail', [item, summary])).toBe(
      'failed: [h] (item=1) => {"changed": false, "msg": "boom1"}\n...ignoring\n',
    );
  });

  it('prints a censored (no_log) loop summary after its items, as Ansible does', () => {
    const censored = 'the output has been hidden';
    const item = result({
      item: { label: 'None', index: 0 },
      status: 'changed',
      result: { censored, changed: true },
    });
    const summary = result({ status: 'changed', result: { censored, changed: true } });
    expect(render('shell', [item, summary], 1)).toBe(
      `changed: [h] => (item=None) => {"censored": "${censored}", "changed": true}\nchanged: [h] => {"censored": "${censored}", "changed": true}\n`,
    );
  });

  it('shows a debug message alone, even for a loop item', () => {
    const item = result({
      item: { label: '1', index: 0 },
      result: { msg: 1, item: 1, ansible_loop_var: 'item', changed: false },
    });
    expect(render('debug', [item])).toBe('ok: [h] => (item=1) => {\n    "msg": 1\n}\n');
  });

  it('names the playbook in a banner from -vv only', () => {
    const start = { kind: 'run:start', playbook: '/x/site.yml', check: false, diff: false, time: 1 } as const;
    const loud = new StringSink();
    createPlainReporter({ out: loud, verbosity: 2 }).handle(start);
    expect(loud.text).toBe(`\nPLAYBOOK: site.yml ${'*'.repeat(61)}\n`);
    const quiet = new StringSink();
    createPlainReporter({ out: quiet, verbosity: 1 }).handle(start);
    expect(quiet.text).toBe('');
  });

  it('prints an error line on stderr and a verbose line only from its verbosity', () => {
    const out = new StringSink();
    const err = new StringSink();
    const quiet = createPlainReporter({ out, err, verbosity: 1 });
    quiet.handle({ kind: 'verbose', msg: 'META: ending play', level: 2, time: 1 });
    quiet.handle({ kind: 'error', msg: "the role 'x' was not found", time: 1 });
    expect(out.text).toBe('');
    expect(err.text).toBe("ERROR! the role 'x' was not found\n");
    const loud = createPlainReporter({ out, verbosity: 2 });
    loud.handle({ kind: 'verbose', msg: 'META: ending play', level: 2, time: 1 });
    expect(out.text).toBe('META: ending play\n');
  });
});
