import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { describe, expect, test } from 'vitest';
import { SshJumpPool } from '../../../runner/transports/jump-pool.js';

/** Stands in for a logged-in ssh2 client: the pool only listens for `close` and calls `end`. */
class FakeClient extends EventEmitter {
  ended = 0;
  end() {
    this.ended++;
    this.emit('close');
  }
}

const chainOf = (...clients: FakeClient[]) => clients as unknown as Client[];

describe('the jump connection pool (logic; real jumps are in ssh.test.ts)', () => {
  test('targets asking at once share one login, which ends only when the last one releases it', async () => {
    const pool = new SshJumpPool();
    const hop = new FakeClient();
    let opened = 0;
    const open = async () => {
      opened++;
      return chainOf(hop);
    };
    const [a, b] = await Promise.all([pool.acquire('k', open), pool.acquire('k', open)]);
    expect(opened).toBe(1);
    expect(a.client).toBe(hop);
    a.release();
    a.release();
    expect(hop.ended).toBe(0);
    b.release();
    expect(hop.ended).toBe(1);
    await pool.acquire('k', open);
    expect(opened).toBe(2);
  });

  test('a failed login is reported to every waiting target and not kept', async () => {
    const pool = new SshJumpPool();
    const failing = () => Promise.reject(new Error('jump refused'));
    const results = await Promise.allSettled([pool.acquire('k', failing), pool.acquire('k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const lease = await pool.acquire('k', async () => chainOf(new FakeClient()));
    expect(lease.client).toBeInstanceOf(FakeClient);
  });

  test('a chain that dies tells the targets watching it, and the next target logs in again', async () => {
    const pool = new SshJumpPool();
    const first = new FakeClient();
    const last = new FakeClient();
    const lease = await pool.acquire('k', async () => chainOf(first, last));
    expect(lease.client).toBe(last);
    let dead = 0;
    lease.watch(() => dead++);
    first.emit('close');
    expect(dead).toBe(1);
    expect(last.ended).toBe(1);
    const again = await pool.acquire('k', async () => chainOf(new FakeClient()));
    expect(again.client).not.toBe(last);
  });
});
