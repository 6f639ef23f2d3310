import { decode, encode, payloadLimit } from './codec.js';
import type { Logger } from './log.js';
import { isDead, type Message } from './message.js';
import {
  DEFAULT_MAX_MESSAGE_SIZE,
  Encoding,
  FIRST_DYNAMIC_HANDLE,
  Handle,
  IS_DEAD,
  MASTER_ID,
} from './protocol.js';
import type { Stream, StreamLoss } from './stream.js';

/** Decides whether a message may reach a handler; `stream` is the arrival stream (null: sent locally). */
export type Policy = (message: Message, stream: Stream | null) => boolean;

/** Options for a handler registered with `Router.addHandler`. */
export interface HandlerOptions {
  /** A fixed (well-known) handle; default: the next dynamic handle. */
  handle?: number;
  policy?: Policy;
  /** Keep the handler after its first message (default: false, i.e. a one-shot reply handler). */
  persist?: boolean;
  /** The context expected to answer: if it disconnects, the handler receives a dead message. */
  respondent?: number;
}

interface HandlerEntry {
  fn: (message: Message) => void;
  policy?: Policy;
  persist: boolean;
  respondent?: number;
}

/** Construction options of a router: who this context is and how it routes. */
export interface RouterOptions {
  id: number;
  name: string;
  /** Ids of this context's ancestors, parent first, ending with the master (empty for the master). */
  ancestors: number[];
  maxMessageSize?: number;
  /** Never relay between two children (default true: hosts cannot talk to each other). */
  unidirectional?: boolean;
  log: Logger;
}

/**
 * A context's message router (DESIGN.md §3): a stream per directly connected context, a route table
 * `context id → stream`, and a handler table `handle → callback` with policies. Every refusal produces a dead
 * reply, so no caller waits forever.
 */
export class Router {
  readonly id: number;
  readonly name: string;
  readonly ancestors: number[];
  readonly maxMessageSize: number;
  readonly unidirectional: boolean;
  readonly log: Logger;
  parent: Stream | null = null;
  /** `spindle.io`: one debug record per routed frame, when enabled (`-vvvv`); null costs nothing. */
  io: Logger | null = null;
  /** Ids reachable through each child stream (the child itself and everything behind it). */
  readonly routes = new Map<number, Stream>();
  /** Names of known contexts, learnt from ADD_ROUTE. */
  readonly names = new Map<number, string>();
  private readonly handlers = new Map<number, HandlerEntry>();
  private readonly interested = new Map<number, Set<Stream>>();
  private readonly disconnectListeners: Array<(id: number, reason: string, deliberate: boolean) => void> = [];
  /** Direct children that announced DETACHING: their coming disconnect is deliberate, not a failure. */
  private readonly detaching = new Set<number>();
  private readonly childReadyWaiters = new Map<number, () => void>();
  /**
   * Ids each child stream's subtree may announce with ADD_ROUTE besides the child's own: ids an ancestor
   * allocated to a context in that subtree (`grant`), as inclusive ranges.
   */
  private readonly grants = new Map<Stream, Array<[number, number]>>();
  private nextHandle = FIRST_DYNAMIC_HANDLE;

  constructor(options: RouterOptions) {
    this.id = options.id;
    this.name = options.name;
    this.ancestors = options.ancestors;
    this.maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.unidirectional = options.unidirectional ?? true;
    this.log = options.log;
    this.addHandler((m) => this.onAddRoute(m), {
      handle: Handle.ADD_ROUTE,
      persist: true,
      policy: this.fromChild,
    });
    this.addHandler((m) => this.onDelRoute(m), { handle: Handle.DEL_ROUTE, persist: true });
    this.addHandler((m) => this.detaching.add(m.src), {
      handle: Handle.DETACHING,
      persist: true,
      policy: this.fromChild,
    });
  }

  /** Policy: the message acts on the authority of the master or one of this context's ancestors. */
  readonly parentAuthority: Policy = (message) =>
    message.auth === MASTER_ID || message.auth === this.id || this.ancestors.includes(message.auth);

  /** Policy: the message was sent by a directly connected child, from its own id. */
  readonly fromChild: Policy = (message, stream) =>
    stream !== null && !stream.isParent && message.src === stream.remoteId;

  /** Registers a callback for messages to `handle` on this context; returns the handle. */
  addHandler(fn: (message: Message) => void, options: HandlerOptions = {}): number {
    const handle = options.handle ?? this.nextHandle++;
    this.handlers.set(handle, {
      fn,
      policy: options.policy,
      persist: options.persist ?? false,
      respondent: options.respondent,
    });
    return handle;
  }

  /** Removes a handler (e.g. a reply handler whose caller gave up). */
  removeHandler(handle: number): void {
    this.handlers.delete(handle);
  }

  /** Sends a message originating here (src and auth default to this context). */
  send(message: Omit<Message, 'src' | 'auth'> & { src?: number; auth?: number }): void {
    this.route({ src: this.id, auth: this.id, ...message }, null);
  }

  /** Sends structured data to `handle` on `dst`. */
  sendData(dst: number, handle: number, data: unknown, replyTo = 0): void {
    this.send({ dst, handle, replyTo, enc: Encoding.STRUCTURED, payload: encode(data) });
  }

  /** Makes `stream` this context's parent link. */
  setParent(stream: Stream): void {
    this.parent = stream;
  }

  /** Adds a direct child: its id routes through `stream`; ADD_ROUTE is propagated upward. */
  addChild(stream: Stream): void {
    this.routes.set(stream.remoteId, stream);
    this.names.set(stream.remoteId, stream.remoteName);
    stream.onLoss((loss) => {
      this.grants.delete(stream);
      this.onStreamLost(stream, loss);
    });
  }

  /**
   * Allows the subtree behind the child stream that routes `via` (a direct child or any context behind one) to
   * announce ids `start`..`end` with ADD_ROUTE: ids allocated to a context in that subtree. False when `via`
   * is not routed through a child.
   */
  grant(via: number, start: number, end = start): boolean {
    const stream = this.routes.get(via);
    if (stream === undefined) return false;
    let ranges = this.grants.get(stream);
    if (ranges === undefined) {
      ranges = [];
      this.grants.set(stream, ranges);
    }
    ranges.push([start, end]);
    return true;
  }

  /** Whether `id` belongs to the subtree behind child `stream`: the child itself or an id granted to it. */
  owns(stream: Stream, id: number): boolean {
    if (id === stream.remoteId) return true;
    return (this.grants.get(stream) ?? []).some(([start, end]) => id >= start && id <= end);
  }

  /** Resolves when the child with `id` announces itself with ADD_ROUTE (its ready frame). */
  waitForChild(id: number): Promise<void> {
    return new Promise((resolve) => this.childReadyWaiters.set(id, resolve));
  }

  /**
   * Listens for contexts that became unreachable (their stream dropped or DEL_ROUTE arrived); `deliberate` when
   * a direct child said DETACHING first (a shutdown, not a failure).
   */
  onDisconnect(listener: (id: number, reason: string, deliberate: boolean) => void): void {
    this.disconnectListeners.push(listener);
  }

  /** Routes one message: deliver locally, forward, or answer with a dead reply (DESIGN.md §3, in order). */
  route(message: Message, stream: Stream | null): void {
    // Locally sent FORWARD_LOGs are not traced: tracing them would log the trace records themselves forever.
    if (this.io !== null && !(stream === null && message.handle === Handle.FORWARD_LOG))
      this.io.debug(
        `${stream ? `in from ${stream.remoteName}` : 'out'}: dst=${message.dst} src=${message.src} auth=${message.auth} handle=${message.handle} reply_to=${message.replyTo} enc=${message.enc} len=${message.payload.length}`,
      );
    if (message.payload.length > this.maxMessageSize) {
      const reason = `message too large (${message.payload.length} > ${this.maxMessageSize} bytes)`;
      // A reply that cannot travel fails the request it answers (its handle), so nobody waits forever.
      if (message.replyTo === 0 && message.handle >= FIRST_DYNAMIC_HANDLE) {
        this.route(
          {
            ...message,
            src: this.id,
            auth: this.id,
            replyTo: IS_DEAD,
            enc: Encoding.TEXT,
            payload: Buffer.from(reason),
          },
          null,
        );
      } else this.deadReply(message, reason);
      return;
    }
    if (stream !== null && !this.verifySource(message, stream)) {
      const what = `src=${message.src} auth=${message.auth} dst=${message.dst} handle=${message.handle}`;
      this.log.warning(`bad auth_id: dropped message from stream ${stream.remoteName} (${what})`);
      // Routers never send on behalf of a context they do not route: a child doing so forges its identity.
      if (!stream.isParent) this.violation(stream, `message with a forged source (${what})`);
      return;
    }
    if (message.dst === this.id) {
      this.deliver(message, stream);
      return;
    }
    const next = this.routes.get(message.dst);
    if (next !== undefined) {
      if (next === stream || (this.unidirectional && stream !== null && !stream.isParent)) {
        this.deadReply(
          message,
          `refused: context ${this.id} does not relay between its children (unidirectional mode)`,
        );
        return;
      }
      if (stream !== null && !stream.isParent) this.noteInterest(message.dst, stream);
      next.send(message);
      return;
    }
    if (this.parent !== null && stream !== this.parent && !this.parent.isClosed) {
      if (stream !== null) this.noteInterest(message.dst, stream);
      this.parent.send(message);
      return;
    }
    this.deadReply(message, `no route to context ${message.dst}`);
  }

  /** Sends a dead reply for `message` if it expected one. */
  deadReply(message: Message, reason: string): void {
    if (message.replyTo === 0 || isDead(message)) {
      this.log.debug(`dropped message to ${message.dst} handle ${message.handle}: ${reason}`);
      return;
    }
    this.route(
      {
        dst: message.src,
        src: this.id,
        auth: this.id,
        handle: message.replyTo,
        replyTo: IS_DEAD,
        enc: Encoding.TEXT,
        payload: Buffer.from(reason),
      },
      null,
    );
  }

  /** Every context id currently reachable through a child stream. */
  reachableChildren(): number[] {
    return [...this.routes.keys()];
  }

  private verifySource(message: Message, stream: Stream): boolean {
    if (stream.isParent) {
      const viaChild = (id: number) => id === this.id || this.routes.has(id);
      return !viaChild(message.auth) && !viaChild(message.src);
    }
    if (this.routes.get(message.auth) !== stream) return false;
    return message.src === message.auth || this.routes.get(message.src) === stream;
  }

  private deliver(message: Message, stream: Stream | null): void {
    const fromChild = stream !== null && !stream.isParent;
    const entry = this.handlers.get(message.handle);
    if (entry === undefined) {
      this.deadReply(message, `invalid handle ${message.handle} on context ${this.id}`);
      // A well-known handle this context does not serve (CALL_FUNCTION on the master, …) is not for a child.
      if (fromChild && message.handle < FIRST_DYNAMIC_HANDLE)
        this.violation(stream, `handle ${message.handle} is not served here`);
      return;
    }
    const limit = payloadLimit(message.handle);
    if (message.payload.length > limit) {
      const reason = `payload of ${message.payload.length} bytes to handle ${message.handle} exceeds its limit of ${limit}`;
      this.deadReply(message, `refused: ${reason}`);
      if (fromChild) this.violation(stream, reason);
      else this.log.warning(`dropped message from context ${message.src}: ${reason}`);
      return;
    }
    if (entry.policy !== undefined && !entry.policy(message, stream)) {
      this.log.warning(
        `refused by policy: handle ${message.handle} from context ${message.src} (auth ${message.auth})`,
      );
      this.deadReply(message, `refused by policy: handle ${message.handle} on context ${this.id}`);
      // No honest child sends a control message its parent's policy refuses (CALL_FUNCTION upward, …).
      if (fromChild && message.handle < FIRST_DYNAMIC_HANDLE)
        this.violation(stream, `handle ${message.handle} refused by policy`);
      return;
    }
    if (!entry.persist) this.handlers.delete(message.handle);
    try {
      entry.fn(message);
    } catch (error) {
      // A well-known handle's payload that does not decode is a broken (or hostile) peer, not our bug.
      if (fromChild && message.handle < FIRST_DYNAMIC_HANDLE)
        this.violation(stream, `malformed payload to handle ${message.handle}: ${(error as Error).message}`);
      else this.log.error(`handler for ${message.handle} failed: ${(error as Error).stack ?? error}`);
    }
  }

  private noteInterest(id: number, stream: Stream): void {
    let streams = this.interested.get(id);
    if (streams === undefined) {
      streams = new Set();
      this.interested.set(id, streams);
    }
    streams.add(stream);
  }

  private onAddRoute(message: Message): void {
    const { id, name } = decode(message.payload) as { id: number; name: string };
    const stream = this.routes.get(message.src);
    if (stream === undefined) return;
    // A child may announce only ids allocated to its own subtree, and never take over a route through another
    // stream: otherwise a compromised host could receive (and answer) other hosts' calls (DESIGN.md §3).
    if (typeof id !== 'number' || !this.owns(stream, id)) {
      this.violation(stream, `ADD_ROUTE for context ${id}, which was not allocated to its subtree`);
      return;
    }
    const current = this.routes.get(id);
    if (current !== undefined && current !== stream) {
      this.violation(stream, `ADD_ROUTE for context ${id}, which is routed through ${current.remoteName}`);
      return;
    }
    this.routes.set(id, stream);
    this.names.set(id, name);
    const ready = this.childReadyWaiters.get(id);
    if (ready !== undefined) {
      this.childReadyWaiters.delete(id);
      ready();
    }
    if (this.parent !== null)
      this.parent.send({ ...message, src: this.id, auth: this.id, dst: this.ancestors[0] });
  }

  /**
   * A direct child broke the protocol in a way no honest peer does (a forged route, a malformed or oversized
   * control message): it is logged and the child is disconnected, so everything behind it ends unreachable
   * with the reason instead of being trusted further.
   */
  violation(stream: Stream, reason: string): void {
    this.log.warning(`protocol violation by ${stream.remoteName}: ${reason}; disconnecting it`);
    if (!stream.isClosed) stream.close(`protocol violation: ${reason}`);
  }

  private onDelRoute(message: Message): void {
    const { id } = decode(message.payload) as { id: number };
    const fromBelow = this.routes.get(message.src) !== undefined && message.src !== this.ancestors[0];
    if (fromBelow && this.routes.get(id) !== this.routes.get(message.src)) return; // not behind that child
    this.forget([id], `context ${id} disconnected`, fromBelow);
  }

  private onStreamLost(stream: Stream, loss: StreamLoss): void {
    const lost = [...this.routes].filter(([, s]) => s === stream).map(([id]) => id);
    const deliberate = this.detaching.delete(stream.remoteId);
    this.log.debug(`stream to ${stream.remoteName} lost: ${loss.reason}${deliberate ? ' (detached)' : ''}`);
    const reason = deliberate
      ? `the respondent context has detached (${stream.remoteName} shut down deliberately)`
      : `the respondent context has disconnected (${stream.remoteName}: ${loss.reason})`;
    this.forget(lost, reason, true, deliberate);
  }

  /** Drops routes to `ids`, fails pending replies from them, and tells the parent and interested streams. */
  private forget(ids: number[], reason: string, tellParent: boolean, deliberate = false): void {
    for (const id of ids) {
      this.routes.delete(id);
      const payload = encode({ id });
      if (tellParent && this.parent !== null && !this.parent.isClosed) {
        this.parent.send({
          dst: this.ancestors[0],
          src: this.id,
          auth: this.id,
          handle: Handle.DEL_ROUTE,
          replyTo: 0,
          enc: Encoding.STRUCTURED,
          payload,
        });
      }
      for (const stream of this.interested.get(id) ?? []) {
        if (!stream.isClosed) {
          stream.send({
            dst: stream.remoteId,
            src: this.id,
            auth: this.id,
            handle: Handle.DEL_ROUTE,
            replyTo: 0,
            enc: Encoding.STRUCTURED,
            payload,
          });
        }
      }
      this.interested.delete(id);
      for (const [handle, entry] of this.handlers) {
        if (entry.respondent !== id) continue;
        this.handlers.delete(handle);
        entry.fn({
          dst: this.id,
          src: id,
          auth: this.id,
          handle,
          replyTo: IS_DEAD,
          enc: Encoding.TEXT,
          payload: Buffer.from(reason),
        });
      }
      for (const listener of this.disconnectListeners) listener(id, reason, deliberate);
    }
  }
}
