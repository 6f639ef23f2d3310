import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createJunitCollector,
  createJunitReporter,
  junitXml,
  xmlEscape,
} from '../../../runner/report/junit-reporter.js';
import { sampleRun } from './fixtures.js';

const GOLDEN = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="spindle" tests="6" failures="0" errors="1" skipped="1" time="0.014">
  <testsuite name="configure" tests="6" failures="0" errors="1" skipped="1" time="0.014">
    <testcase classname="configure" name="[web1] say hello" time="0.001"/>
    <testcase classname="configure" name="[db1] say hello" time="0.000">
      <skipped message=""/>
    </testcase>
    <testcase classname="configure" name="[web1] write files" time="0.005"/>
    <testcase classname="configure" name="[db1] write files" time="0.000">
      <error message="ssh: connect to 127.0.0.1 port 2222: connection refused" type="unreachable">phase: connect</error>
    </testcase>
    <testcase classname="configure" name="[web1] probe service" time="0.007"/>
    <testcase classname="configure" name="[web1] restart app" time="0.001"/>
  </testsuite>
</testsuites>
`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('junit reporter', () => {
  it('passes a rescued failure: no <failure> element', () => {
    const collector = createJunitCollector();
    const [run, playStart] = sampleRun();
    collector.handle(run);
    collector.handle(playStart);
    collector.handle({
      kind: 'task:result',
      host: 'web1',
      taskId: 'p0.t9',
      task: 'tries',
      status: 'rescued',
      msg: 'non-zero return code',
      result: { failed: true, rc: 1 },
      durationMs: 2,
      time: 0,
    });
    const xml = junitXml(collector.cases);
    expect(xml).toContain('<testcase classname="configure" name="[web1] tries" time="0.002"/>');
    expect(xml).toContain('failures="0"');
  });

  it('renders one testcase per task and host, with skipped and error elements', () => {
    const collector = createJunitCollector();
    for (const event of sampleRun()) collector.handle(event);
    expect(junitXml(collector.cases)).toBe(GOLDEN);
  });

  it('marks a failed task with a failure element carrying the message and the result', () => {
    const collector = createJunitCollector();
    collector.handle({ kind: 'play:start', play: 'p', hosts: ['h'], time: 0 });
    collector.handle({
      kind: 'task:result',
      host: 'h',
      taskId: 't',
      task: 'x',
      status: 'failed',
      msg: 'a < b',
      result: { rc: 1 },
      durationMs: 2,
      time: 0,
    });
    const xml = junitXml(collector.cases);
    expect(xml).toContain('failures="1"');
    expect(xml).toContain('<failure message="a &lt; b" type="failed">{\n    &quot;rc&quot;: 1\n}</failure>');
  });

  it('escapes XML metacharacters and drops control characters', () => {
    expect(xmlEscape('a&b<c>"d"\u0001')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
  });

  it('writes the file only at close, through a temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spindle-junit-'));
    dirs.push(dir);
    const file = join(dir, 'report.xml');
    const reporter = createJunitReporter({ file });
    for (const event of sampleRun()) reporter.handle(event);
    expect(await readdir(dir)).toEqual([]);
    await reporter.close();
    expect(await readdir(dir)).toEqual(['report.xml']);
    expect(await readFile(file, 'utf8')).toBe(GOLDEN);
  });
});
