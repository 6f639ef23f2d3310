import { describe, expect, it } from 'vitest';
import { watchInterrupts } from '../../../runner/cli/interrupt.js';
import { StringSink } from '../../../runner/report/text-sink.js';

function fakeIo() {
  const listeners = new Set<() => void>();
  const exits: number[] = [];
  const stderr = new StringSink();
  return {
    listeners,
    exits,
    stderr,
    io: {
      stderr,
      onInterrupt: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      exitNow: ((code: number) => {
        exits.push(code);
      }) as (code: number) => never,
    },
  };
}

describe('watchInterrupts', () => {
  it('aborts the run on the first Ctrl-C and says so', () => {
    const fake = fakeIo();
    const watch = watchInterrupts(fake.io);
    expect(watch.signal.aborted).toBe(false);
    for (const l of fake.listeners) l();
    expect(watch.signal.aborted).toBe(true);
    expect(fake.exits).toEqual([]);
    expect(fake.stderr.text).toContain('User interrupted execution');
  });

  it('exits at once with 99 on the second Ctrl-C', () => {
    const fake = fakeIo();
    watchInterrupts(fake.io);
    for (const l of fake.listeners) l();
    for (const l of fake.listeners) l();
    expect(fake.exits).toEqual([99]);
  });

  it('stops listening when the run is over', () => {
    const fake = fakeIo();
    watchInterrupts(fake.io).stop();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('watchInterrupts and SIGTERM', () => {
  it('stops the running tasks on SIGTERM: both signals abort, and it says so', () => {
    const fake = fakeIo();
    const terminate = new Set<() => void>();
    const watch = watchInterrupts({
      ...fake.io,
      onTerminate: (listener: () => void) => {
        terminate.add(listener);
        return () => terminate.delete(listener);
      },
    });
    for (const l of terminate) l();
    expect(watch.signal.aborted).toBe(true);
    expect(watch.stopNow.aborted).toBe(true);
    expect(fake.stderr.text).toContain('Terminated (SIGTERM)');
    watch.stop();
    expect(terminate.size).toBe(0);
  });

  it('lets the running tasks finish on the first Ctrl-C (stopNow stays clear)', () => {
    const fake = fakeIo();
    const watch = watchInterrupts(fake.io);
    for (const l of fake.listeners) l();
    expect(watch.signal.aborted).toBe(true);
    expect(watch.stopNow.aborted).toBe(false);
  });
});
