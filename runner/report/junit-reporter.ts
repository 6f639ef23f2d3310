import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { dispatchEvent, type EventHandlers, type Reporter, type RunEvent } from './events.js';
import { pythonJson } from './python-json.js';

/** One testcase: a task on a host, with its final outcome. */
export interface JunitCase {
  suite: string;
  name: string;
  host: string;
  task: string;
  status: 'passed' | 'failed' | 'skipped' | 'error';
  message?: string;
  details?: string;
  seconds: number;
}

/** Collects testcases from events: one per task × host (loop items fold into their task's summary). */
export function createJunitCollector(): { handle(event: RunEvent): void; cases: JunitCase[] } {
  const cases: JunitCase[] = [];
  const index = new Map<string, number>();
  let play = '';
  const tasks = new Map<string, string>();
  const upsert = (c: JunitCase, key: string) => {
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, cases.length);
      cases.push(c);
    } else cases[at] = c;
  };
  const handlers: EventHandlers = {
    'run:start': () => {},
    'play:start': (e) => {
      play = e.play;
    },
    'task:start': (e) => {
      tasks.set(e.taskId, e.task);
    },
    'host:output': () => {},
    'task:result': (e) => {
      if (e.item) return;
      const failed = e.status === 'failed';
      const status = failed
        ? 'failed'
        : e.status === 'skipped'
          ? 'skipped'
          : e.status === 'unreachable'
            ? 'error'
            : 'passed';
      const message = e.msg ?? (typeof e.result?.msg === 'string' ? e.result.msg : undefined);
      upsert(
        {
          suite: play,
          name: `[${e.host}] ${e.task}`,
          host: e.host,
          task: e.task,
          status,
          message,
          details: status === 'passed' ? undefined : pythonJson(e.result ?? {}, 4),
          seconds: e.durationMs / 1000,
        },
        `${play}\0${e.taskId}\0${e.host}`,
      );
    },
    'task:end': () => {},
    'host:unreachable': (e) => {
      const task = (e.taskId && tasks.get(e.taskId)) || 'connect';
      upsert(
        {
          suite: play,
          name: `[${e.host}] ${task}`,
          host: e.host,
          task,
          status: 'error',
          message: e.msg,
          details: `phase: ${e.phase}`,
          seconds: 0,
        },
        `${play}\0${e.taskId ?? ''}\0${e.host}`,
      );
    },
    warning: () => {},
    error: () => {},
    verbose: () => {},
    'task:included': () => {},
    'play:end': () => {},
    'play:recap': () => {},
    'run:end': () => {},
  };
  return { handle: (event) => dispatchEvent(handlers, event), cases };
}

/** Escapes text for an XML attribute or element (and drops characters XML 1.0 cannot hold). */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Renders testcases as JUnit XML: a testsuite per play, failures/skips/errors as CI servers expect. */
export function junitXml(cases: JunitCase[], name = 'spindle'): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const count = (list: JunitCase[], s: JunitCase['status']) => list.filter((c) => c.status === s).length;
  const time = (list: JunitCase[]) => list.reduce((sum, c) => sum + c.seconds, 0).toFixed(3);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="${xmlEscape(name)}" tests="${cases.length}" failures="${count(cases, 'failed')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="${time(cases)}">`,
  );
  for (const [suite, list] of suites) {
    lines.push(
      `  <testsuite name="${xmlEscape(suite)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="${count(list, 'error')}" skipped="${count(list, 'skipped')}" time="${time(list)}">`,
    );
    for (const c of list) {
      const open = `    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(c.name)}" time="${c.seconds.toFixed(3)}"`;
      const msg = xmlEscape(c.message ?? '');
      const body = xmlEscape(c.details ?? '');
      if (c.status === 'passed') lines.push(`${open}/>`);
      else if (c.status === 'skipped')
        lines.push(`${open}>`, `      <skipped message="${msg}"/>`, '    </testcase>');
      else {
        const tag = c.status === 'failed' ? 'failure' : 'error';
        lines.push(
          `${open}>`,
          `      <${tag} message="${msg}" type="${c.status === 'failed' ? 'failed' : 'unreachable'}">${body}</${tag}>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** The `--junit FILE` reporter: collects during the run, writes the file atomically (temp + rename) at close. */
export function createJunitReporter(options: { file: string }): Reporter {
  const collector = createJunitCollector();
  return {
    handle: collector.handle,
    close: async () => {
      const temp = `${options.file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, junitXml(collector.cases));
      await rename(temp, options.file);
    },
  };
}
