import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../runner/report/events.js';
import { makePalette } from '../../../runner/report/palette.js';
import { createTtyReporter } from '../../../runner/report/tty-reporter.js';
import { sampleRun } from './fixtures.js';

/** A fake terminal: a stream that says it is a TTY and keeps everything written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & {
    isTTY: boolean;
    columns: number;
    rows: number;
  };
  stream.isTTY = true;
  stream.columns = 160;
  stream.rows = 30;
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

async function play(events: RunEvent[], gapMs = 30): Promise<string> {
  const terminal = fakeTerminal();
  const reporter = createTtyReporter({
    out: terminal.stream,
    palette: makePalette(0),
    diff: true,
    tickMs: 10,
  });
  for (const event of events) {
    reporter.handle(event);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  await reporter.close();
  return stripAnsi(terminal.text());
}

describe('tty reporter', () => {
  it('shows a row per task with its per-host counts, then the recap', async () => {
    const screen = await play(sampleRun());
    expect(screen).toContain('PLAY [configure] ***');
    expect(screen).toMatch(/TASK \[say hello\] {2}ok=1 skipped=1 {2}2\/2 hosts/);
    expect(screen).toMatch(/TASK \[write files\] {2}ok=0 changed=1 unreachable=1 {2}2\/2 hosts/);
    expect(screen).toMatch(/HANDLER \[restart app\] {2}ok=1/);
    expect(screen).toContain('db1                        : ok=1    changed=0    unreachable=1');
  });

  it('expands failures under the row with host and message', async () => {
    const screen = await play(sampleRun());
    expect(screen).toContain(
      'db1: UNREACHABLE (connect): ssh: connect to 127.0.0.1 port 2222: connection refused',
    );
  });

  it('keeps --diff output under the finished row', async () => {
    const screen = await play(sampleRun());
    const final = screen.slice(screen.lastIndexOf('TASK [write files]'));
    expect(final).toContain(
      '    [web1] (item=a.conf)\n    --- before: /etc/a.conf\n    +++ after: /etc/a.conf\n    @@ -1,1 +1,1 @@\n    -x=1\n    +x=2\n',
    );
  });

  it('shows the last lines of live output while the task runs', async () => {
    const events: RunEvent[] = [
      { kind: 'play:start', play: 'p', hosts: ['h'], time: 0 },
      { kind: 'task:start', play: 'p', task: 'long job', taskId: 't', handler: false, time: 0 },
      ...[1, 2, 3, 4].map((n) => ({
        kind: 'host:output' as const,
        host: 'h',
        taskId: 't',
        stream: 'stdout' as const,
        line: `step ${n}`,
        time: n,
      })),
    ];
    const terminal = fakeTerminal();
    const reporter = createTtyReporter({
      out: terminal.stream,
      palette: makePalette(0),
      diff: false,
      tickMs: 10,
    });
    for (const event of events) reporter.handle(event);
    let screen = '';
    for (let i = 0; i < 100 && !screen.includes('[h] step 4'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      screen = stripAnsi(terminal.text());
    }
    expect(screen).toContain('[h] step 4');
    reporter.handle({ kind: 'task:end', taskId: 't', time: 5 });
    await reporter.close();
  });
});
