import { describe, expect, test } from 'vitest';
import { decode, encode } from '../../bootstrap/codec.js';
import type { LogRecord } from '../../bootstrap/log.js';
import { isDead, type Message } from '../../bootstrap/message.js';
import { Encoding, Handle } from '../../bootstrap/protocol.js';
import type { Router } from '../../bootstrap/router.js';
import { link, makeRouter } from '../support/links.js';

function nextReply(router: Router, respondent?: number): { handle: number; reply: Promise<Message> } {
  let resolve!: (m: Message) => void;
  const reply = new Promise<Message>((r) => (resolve = r));
  return { handle: router.addHandler(resolve, { respondent }), reply };
}

async function announce(parent: Router, child: Router): Promise<void> {
  const ready = parent.waitForChild(child.id);
  child.sendData(child.ancestors[0], Handle.ADD_ROUTE, { id: child.id, name: child.name });
  await ready;
}

describe('the router', () => {
  test('delivers to a handler on the destination context and replies to the sender', async () => {
    const master = makeRouter(0, []);
    const child = makeRouter(1, [0]);
    link(master, child);
    child.addHandler((m) => child.sendData(m.src, m.replyTo, (decode(m.payload) as number) * 2), {
      handle: 2000,
      persist: true,
    });
    const { handle, reply } = nextReply(master);
    master.sendData(1, 2000, 21, handle);
    expect(decode((await reply).payload)).toBe(42);
  });

  test('answers an unknown handle with a dead reply naming it', async () => {
    const master = makeRouter(0, []);
    const child = makeRouter(1, [0]);
    link(master, child);
    const { handle, reply } = nextReply(master);
    master.sendData(1, 4242, null, handle);
    const message = await reply;
    expect(isDead(message)).toBe(true);
    expect(message.payload.toString()).toBe('invalid handle 4242 on context 1');
  });

  test('refuses a call from a child without parent authority', async () => {
    const records: LogRecord[] = [];
    const master = makeRouter(0, [], records);
    const child = makeRouter(1, [0]);
    link(master, child);
    master.addHandler(() => {}, {
      handle: Handle.CALL_FUNCTION,
      persist: true,
      policy: master.parentAuthority,
    });
    const { handle, reply } = nextReply(child);
    child.sendData(0, Handle.CALL_FUNCTION, {}, handle);
    expect((await reply).payload.toString()).toBe('refused by policy: handle 101 on context 0');
    expect(records.some((r) => r.message.startsWith('refused by policy'))).toBe(true);
  });

  test('drops a message whose auth_id is not reachable through the stream it arrived on', async () => {
    const records: LogRecord[] = [];
    const master = makeRouter(0, [], records);
    const child = makeRouter(1, [0]);
    link(master, child);
    let delivered = false;
    master.addHandler(() => (delivered = true), { handle: 2000, persist: true });
    child.send({
      dst: 0,
      handle: 2000,
      replyTo: 0,
      enc: Encoding.STRUCTURED,
      payload: encode(null),
      auth: 0,
      src: 0,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toBe(false);
    expect(records.some((r) => r.message.startsWith('bad auth_id'))).toBe(true);
  });

  test('answers with "message too large" instead of forwarding an oversized message', async () => {
    const master = makeRouter(0, [], [], 64);
    const child = makeRouter(1, [0], [], 64);
    link(master, child);
    const { handle, reply } = nextReply(master);
    master.send({ dst: 1, handle: 2000, replyTo: handle, enc: Encoding.RAW, payload: Buffer.alloc(65) });
    expect((await reply).payload.toString()).toMatch(/^message too large \(65 > 64 bytes\)/);
  });

  test('fails the request whose reply is too large to send, instead of dropping the reply', async () => {
    const master = makeRouter(0, [], [], 64);
    const child = makeRouter(1, [0], [], 64);
    link(master, child);
    child.addHandler(
      (m) =>
        child.send({
          dst: m.src,
          handle: m.replyTo,
          replyTo: 0,
          enc: Encoding.RAW,
          payload: Buffer.alloc(65),
        }),
      {
        handle: 2000,
        persist: true,
      },
    );
    const { handle, reply } = nextReply(master, 1);
    master.sendData(1, 2000, null, handle);
    const answer = await reply;
    expect(isDead(answer)).toBe(true);
    expect(answer.payload.toString()).toMatch(/^message too large \(65 > 64 bytes\)/);
  });

  test('answers "no route" for an unknown context on the master', async () => {
    const master = makeRouter(0, []);
    const { handle, reply } = nextReply(master);
    master.sendData(99, 2000, null, handle);
    expect((await reply).payload.toString()).toBe('no route to context 99');
  });

  test('never relays between two children in unidirectional mode', async () => {
    const master = makeRouter(0, []);
    const a = makeRouter(1, [0]);
    const b = makeRouter(2, [0]);
    link(master, a);
    link(master, b);
    let reached = false;
    b.addHandler(() => (reached = true), { handle: 2000, persist: true });
    const { handle, reply } = nextReply(a);
    a.sendData(2, 2000, null, handle);
    expect((await reply).payload.toString()).toMatch(/does not relay between its children/);
    expect(reached).toBe(false);
  });

  test('learns routes to grandchildren from ADD_ROUTE and reaches them through the intermediate', async () => {
    const master = makeRouter(0, []);
    const middle = makeRouter(1, [0]);
    const leaf = makeRouter(2, [1, 0]);
    link(master, middle);
    await announce(master, middle);
    master.grant(1, 2);
    link(middle, leaf);
    const learnt = master.waitForChild(2);
    await announce(middle, leaf);
    await learnt;
    expect(master.routes.has(2)).toBe(true);
    expect(master.names.get(2)).toBe('c2');
    leaf.addHandler((m) => leaf.sendData(m.src, m.replyTo, 'from leaf'), { handle: 2000 });
    const { handle, reply } = nextReply(master);
    master.sendData(2, 2000, null, handle);
    expect(decode((await reply).payload)).toBe('from leaf');
  });

  test('fails pending replies when the respondent disconnects, and tells the parent with DEL_ROUTE', async () => {
    const master = makeRouter(0, []);
    const middle = makeRouter(1, [0]);
    const leaf = makeRouter(2, [1, 0]);
    link(master, middle);
    await announce(master, middle);
    master.grant(1, 2);
    const { down } = link(middle, leaf);
    const learnt = master.waitForChild(2);
    await announce(middle, leaf);
    await learnt;
    leaf.addHandler(() => {}, { handle: 2000 });
    const { handle, reply } = nextReply(master, 2);
    master.sendData(2, 2000, null, handle);
    const gone = new Promise<number>((resolve) => master.onDisconnect((id) => resolve(id)));
    down.close('killed');
    const message = await reply;
    expect(isDead(message)).toBe(true);
    expect(message.payload.toString()).toMatch(/disconnected/);
    expect(await gone).toBe(2);
    expect(master.routes.has(2)).toBe(false);
  });

  test('refuses ADD_ROUTE for an id routed through another child and disconnects the child that sent it', async () => {
    const records: LogRecord[] = [];
    const master = makeRouter(0, [], records);
    const honest = makeRouter(1, [0]);
    const hostile = makeRouter(2, [0]);
    link(master, honest);
    const { down } = link(master, hostile);
    await announce(master, honest);
    await announce(master, hostile);
    const lost = new Promise<string>((resolve) => down.onLoss((loss) => resolve(loss.reason)));
    hostile.sendData(0, Handle.ADD_ROUTE, { id: 1, name: 'c1' });
    expect(await lost).toMatch(/protocol violation: ADD_ROUTE for context 1, which was not allocated/);
    honest.addHandler((m) => honest.sendData(m.src, m.replyTo, 'from honest'), { handle: 2000 });
    const { handle, reply } = nextReply(master);
    master.sendData(1, 2000, null, handle);
    expect(decode((await reply).payload)).toBe('from honest');
    expect(records.some((r) => r.message.startsWith('protocol violation by c2'))).toBe(true);
  });

  test('refuses ADD_ROUTE for an id that was never allocated to the announcing subtree', async () => {
    const master = makeRouter(0, []);
    const middle = makeRouter(1, [0]);
    const { down } = link(master, middle);
    await announce(master, middle);
    const lost = new Promise<string>((resolve) => down.onLoss((loss) => resolve(loss.reason)));
    middle.sendData(0, Handle.ADD_ROUTE, { id: 77, name: 'future host' });
    expect(await lost).toMatch(/ADD_ROUTE for context 77/);
    expect(master.routes.has(77)).toBe(false);
  });

  test('refuses a granted id that an intermediate tries to move to another of its children', async () => {
    const master = makeRouter(0, []);
    const middle = makeRouter(1, [0]);
    const good = makeRouter(2, [1, 0]);
    const bad = makeRouter(3, [1, 0]);
    link(master, middle);
    await announce(master, middle);
    master.grant(1, 2, 3);
    link(middle, good);
    const { down } = link(middle, bad);
    await announce(middle, good);
    await announce(middle, bad);
    const lost = new Promise<string>((resolve) => down.onLoss((loss) => resolve(loss.reason)));
    bad.sendData(1, Handle.ADD_ROUTE, { id: 2, name: 'c2' });
    expect(await lost).toMatch(/ADD_ROUTE for context 2/);
    expect(middle.routes.get(2)?.remoteId).toBe(2);
  });

  test('refuses a control message larger than its handle allows before decoding it', async () => {
    const master = makeRouter(0, []);
    const child = makeRouter(1, [0]);
    const { down } = link(master, child);
    await announce(master, child);
    let decoded = false;
    master.addHandler(() => (decoded = true), { handle: Handle.FORWARD_LOG, persist: true });
    const lost = new Promise<string>((resolve) => down.onLoss((loss) => resolve(loss.reason)));
    child.sendData(0, Handle.FORWARD_LOG, 'x'.repeat(300 * 1024));
    expect(await lost).toMatch(/exceeds its limit/);
    expect(decoded).toBe(false);
  });

  test('disconnects a child whose control message does not decode', async () => {
    const master = makeRouter(0, []);
    const child = makeRouter(1, [0]);
    const { down } = link(master, child);
    await announce(master, child);
    master.addHandler((m) => decode(m.payload), { handle: Handle.FORWARD_LOG, persist: true });
    const lost = new Promise<string>((resolve) => down.onLoss((loss) => resolve(loss.reason)));
    child.send({
      dst: 0,
      handle: Handle.FORWARD_LOG,
      replyTo: 0,
      enc: Encoding.STRUCTURED,
      payload: Buffer.from([99]),
    });
    expect(await lost).toMatch(/malformed payload to handle 102: unknown type tag 99/);
  });
});
