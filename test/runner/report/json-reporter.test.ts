import { describe, expect, it } from 'vitest';
import { Secret } from '../../../bootstrap/codec.js';
import { createJsonReporter } from '../../../runner/report/json-reporter.js';
import { StringSink } from '../../../runner/report/text-sink.js';
import { sampleRun } from './fixtures.js';

function records(events = sampleRun()): Array<Record<string, unknown>> {
  const out = new StringSink();
  const reporter = createJsonReporter({ out });
  for (const event of events) reporter.handle(event);
  return out.text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('json reporter', () => {
  it('writes exactly one JSON object per event, each on its own line', () => {
    const lines = records();
    expect(lines).toHaveLength(sampleRun().length);
    expect(lines.map((l) => l.kind)).toEqual(sampleRun().map((e) => e.kind));
  });

  it('gives every result its play, task, host, status and flags under stable names', () => {
    const result = records().find((l) => l.kind === 'task:result' && l.status === 'ignored');
    expect(result).toMatchObject({
      play: 'configure',
      task: 'probe service',
      host: 'web1',
      status: 'ignored',
      changed: false,
      failed: true,
      skipped: false,
      msg: 'non-zero return code',
      durationMs: 7,
    });
    expect(result?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('names the task on live output lines', () => {
    const output = records().find((l) => l.kind === 'host:output');
    expect(output).toMatchObject({
      task: 'probe service',
      host: 'web1',
      stream: 'stdout',
      line: 'checking…',
    });
  });

  it('prints secrets as [secret] and bytes as their size', () => {
    const [line] = records([
      {
        kind: 'task:result',
        host: 'h',
        taskId: 't',
        task: 'x',
        status: 'ok',
        result: { token: new Secret('s3cr3t'), content: Buffer.from('abc') },
        durationMs: 1,
        time: 0,
      },
    ]);
    expect(line.result).toEqual({ token: '[secret]', content: '<3 bytes>' });
    expect(JSON.stringify(line)).not.toContain('s3cr3t');
  });
});
