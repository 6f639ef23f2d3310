import { describe, expect, test } from 'vitest';
import { ConnectAdmission } from '../../../runner/transports/admission.js';

/** A connect that completes when the test says so, on a clock the test moves. */
function harness(initial: number) {
  let now = 0;
  const gate = new ConnectAdmission({ initial, min: 2, max: 64 }, () => now);
  const pending: Array<{ finish(ok: boolean): void }> = [];
  let started = 0;
  const connect = () =>
    gate
      .run(
        () =>
          new Promise<void>((resolve, reject) => {
            started++;
            pending.push({ finish: (ok) => (ok ? resolve() : reject(new Error('timed out'))) });
          }),
      )
      .catch(() => {});
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    gate,
    connect,
    settle,
    started: () => started,
    advance: (ms: number) => {
      now += ms;
    },
    finishOne: async (ok = true) => {
      pending.shift()?.finish(ok);
      await settle();
      await settle();
    },
  };
}

describe('adaptive connect admission', () => {
  test('starts no more connects than its limit; the rest wait without their clock running', async () => {
    const h = harness(4);
    for (let i = 0; i < 20; i++) void h.connect();
    await h.settle();
    expect(h.started()).toBe(4);
  });

  test('grows by one for each connect that completes about as fast as the fastest', async () => {
    const h = harness(4);
    for (let i = 0; i < 40; i++) void h.connect();
    await h.settle();
    for (let i = 0; i < 8; i++) {
      h.advance(100);
      await h.finishOne();
    }
    expect(h.gate.limit).toBe(12);
    expect(h.started()).toBe(8 + 12);
  });

  test('shrinks by a quarter, once per round, when connects slow down or fail', async () => {
    const h = harness(16);
    for (let i = 0; i < 40; i++) void h.connect();
    await h.settle();
    h.advance(100);
    await h.finishOne();
    expect(h.gate.limit).toBe(17);
    h.advance(10_000);
    await h.finishOne();
    expect(h.gate.limit).toBe(12);
    // the others of the same round (started before the shrink) do not shrink it again
    await h.finishOne(false);
    h.advance(20_000);
    await h.finishOne(false);
    expect(h.gate.limit).toBe(12);
  });
});
