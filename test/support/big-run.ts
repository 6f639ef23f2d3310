import type { RunEvent } from '../../runner/report/events.js';

/**
 * The events of a synthetic large run (hosts × tasks, every 7th result changed with a diff, a few failures with
 * stderr, the last two tasks handlers), for the HTML report's scale test and its benchmark.
 */
export function bigRunEvents(hostCount = 200, taskCount = 100): RunEvent[] {
  const events: RunEvent[] = [];
  const hosts = Array.from({ length: hostCount }, (_, i) => `host-${String(i).padStart(3, '0')}.example.com`);
  const started = 1_700_000_000_000;
  let time = started;
  events.push({ kind: 'run:start', playbook: '/srv/big.yml', check: false, diff: true, time });
  events.push({ kind: 'play:start', play: 'big', hosts, time });
  for (let t = 0; t < taskCount; t++) {
    const taskId = `p0.t${t}`;
    const task = `task number ${t}`;
    events.push({ kind: 'task:start', play: 'big', task, taskId, handler: t >= taskCount - 2, time });
    let longest = 0;
    for (const [h, host] of hosts.entries()) {
      const status = (h + t) % 97 === 0 ? 'failed' : (h * t) % 7 === 0 ? 'changed' : 'ok';
      const durationMs = 20 + ((h * 31 + t * 17) % 200);
      longest = Math.max(longest, durationMs);
      events.push({
        kind: 'task:result',
        host,
        taskId,
        task,
        status,
        msg: status === 'failed' ? `boom on ${host}` : undefined,
        result:
          status === 'failed' ? { rc: 1, stderr: 'line\n'.repeat(50) } : { changed: status === 'changed' },
        diff:
          status === 'changed'
            ? [{ path: '/etc/x', before: 'a\n', after: 'b\n', kind: 'content' }]
            : undefined,
        durationMs,
        time: time + durationMs,
      });
    }
    time += longest + 5;
    events.push({ kind: 'task:end', taskId, time });
  }
  events.push({ kind: 'play:end', play: 'big', time });
  const stats = Object.fromEntries(
    hosts.map((h) => [
      h,
      { ok: 90, changed: 10, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 0 },
    ]),
  );
  events.push({ kind: 'play:recap', stats, durationMs: time - started, time });
  events.push({ kind: 'run:end', exitCode: 2, interrupted: false, time });
  return events;
}
