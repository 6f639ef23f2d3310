import { randomBytes } from 'node:crypto';
import { readSpawnChildResult, type SpawnChildArgs } from '../../bootstrap/child-service.js';
import { ConnectError } from '../../bootstrap/errors.js';
import { bootShellLine, type ChildParams, saysNoNode, shellQuote } from '../../bootstrap/first-stage.js';
import { Logger, type LogRecord } from '../../bootstrap/log.js';
import type { Message } from '../../bootstrap/message.js';
import { decodePayload, type IdBlock } from '../../bootstrap/payloads.js';
import { DEFAULT_MAX_MESSAGE_SIZE, Handle, ID_BLOCK_SIZE, MASTER_ID } from '../../bootstrap/protocol.js';
import { Router } from '../../bootstrap/router.js';
import { ServiceRegistry } from '../../bootstrap/services.js';
import { bootChild, type SpawnSpec, spawnTransport, type Transport } from '../../bootstrap/spawner.js';
import { Context } from './context.js';
import { loadCoreBundle } from './core-bundle.js';
import { FileService } from './file-service.js';
import { ModuleResponder } from './module-responder.js';

/** How to reach a new context: spawn a process (in the master or in `via`), or a stream the method opens. */
export type ConnectionMethod = (
  | ({ kind: 'spawn'; name: string } & SpawnSpec)
  | { kind: 'stream'; name: string; open(bootShellLine: string): Promise<Transport> }
) &
  NodeChoice;

/** Runs one shell line on the target over the method's transport (for helpers such as the node upload). */
export type OpenShell = (shellLine: string) => Promise<Transport>;

/** Which node a new context runs: a given path, or a way to supply one when the target has none (18+). */
export interface NodeChoice {
  /** The node binary on the target (the `node_binary` host variable): no PATH probe, no upload. */
  nodePath?: string;
  /** Called when the boot finds no usable node: makes one available and returns its path for one retry. */
  provideNode?(open: OpenShell, name: string): Promise<string>;
}

/** Options of `createMaster`. */
export interface MasterOptions {
  maxMessageSize?: number;
  unidirectional?: boolean;
  /** Turn on `spindle.io` frame tracing in new contexts. */
  ioLog?: boolean;
  /** Folders whose files ship as shared modules of their own (once per context), beside the shared folders of `modules/` and `bootstrap/`. */
  sharedRoots?: string[];
}

/** Options of `connect` / `local`. */
export interface ConnectOptions {
  name?: string;
  via?: Context;
  connectTimeoutMs?: number;
  /**
   * Told the command that starts the context each time one runs (for `-vvv`): a spawn method's argv quoted as a
   * shell command, where it runs (here or in `via`); for a stream method, the line handed to the stream.
   */
  onExec?: (command: string) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** ALLOCATE_ID blocks one direct child may receive: enough for any real tree, and a bound for a hostile one. */
export const MAX_ID_BLOCKS_PER_CHILD = 16;

/**
 * The controller's side of the bus (context 0): starts contexts, routes their traffic, answers module and
 * id requests, receives their logs, serves files, and shuts everything down.
 */
export class Master {
  readonly router: Router;
  readonly log: Logger;
  readonly responder: ModuleResponder;
  readonly services: ServiceRegistry;
  readonly files: FileService;
  private readonly contexts = new Map<number, Context>();
  private readonly listeners = new Set<(record: LogRecord) => void>();
  /** Set by `shutdown`: contexts that finish booting afterwards are closed at once instead of leaking. */
  private closing = false;
  /** Transports whose boot handshake is under way (closed by `shutdown`, so no half-started child lingers). */
  private readonly booting = new Set<Transport>();
  private nextId = 1;
  private nextBlock = ID_BLOCK_SIZE;
  /** ALLOCATE_ID blocks handed to each direct child so far. */
  private readonly blocksByChild = new Map<number, number>();

  constructor(private readonly options: MasterOptions = {}) {
    this.log = new Logger('spindle', { id: MASTER_ID, name: 'master' }, 'debug');
    this.log.attach((record) => this.emit(record));
    this.router = new Router({
      id: MASTER_ID,
      name: 'master',
      ancestors: [],
      maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
      unidirectional: options.unidirectional ?? true,
      log: this.log,
    });
    this.responder = new ModuleResponder(this.router, undefined, options.sharedRoots);
    this.services = new ServiceRegistry(this.router);
    this.files = new FileService(this.router);
    this.services.registerLazy('file', () => this.files.service());
    this.router.addHandler((m) => this.onForwardLog(m), { handle: Handle.FORWARD_LOG, persist: true });
    this.router.addHandler((m) => this.onAllocateId(m), {
      handle: Handle.ALLOCATE_ID,
      persist: true,
      policy: this.router.fromChild,
    });
    this.router.onDisconnect((id, reason, deliberate) => {
      const context = this.contexts.get(id);
      context?.lost(reason, deliberate);
      // A host cut off for a protocol violation may not exit on EOF as ours do: end its process too.
      if (reason.includes('protocol violation')) context?.kill();
    });
    if (options.ioLog) this.router.io = this.log.child('spindle.io', 'debug');
  }

  /** Starts a local child context (`node` on this machine, or on the `via` context's machine). */
  local(
    options: ConnectOptions & { nodePath?: string; env?: Record<string, string> } = {},
  ): Promise<Context> {
    const argv = ['/bin/sh', '-c'];
    // Without a usable node on PATH, this machine's own node (the controller's) runs the context.
    const provideNode = options.via ? undefined : async () => process.execPath;
    return this.connect(
      { kind: 'spawn', name: 'local', argv, env: options.env, nodePath: options.nodePath, provideNode },
      options,
    );
  }

  /** Starts a context with any connection method, directly or through `via`. */
  async connect(method: ConnectionMethod, options: ConnectOptions = {}): Promise<Context> {
    const id = this.allocateOwnId();
    const name = options.name ?? `${method.name}.${id}`;
    const via = options.via;
    const params: ChildParams = {
      id,
      name,
      ancestors: via ? [via.id, ...[...via.path].reverse().slice(1), MASTER_ID] : [MASTER_ID],
      maxMessageSize: this.router.maxMessageSize,
      unidirectional: this.router.unidirectional,
      ioLog: this.options.ioLog ?? false,
    };
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let transport: Transport | null = null;
    if (via) {
      if (method.kind !== 'spawn')
        throw new ConnectError('spawn', `${method.name}: only spawn methods can run through another context`);
      await this.grantThrough(via, id);
      const spec: SpawnSpec = {
        argv: method.argv,
        env: method.env,
        prompts: method.prompts,
        protocolFds: method.protocolFds,
        ...(method.nodePath ? { nodePath: method.nodePath } : {}),
      };
      // Bounded past the boot's own timeout: a parent that never answers fails the connect, not the run.
      const result = readSpawnChildResult(
        await via.callService(
          'spindle.context',
          'spawn',
          { spec, params, timeoutMs } satisfies SpawnChildArgs,
          timeoutMs + 10_000,
        ),
      );
      if (result.command !== undefined) options.onExec?.(result.command);
      if (!result.ok) throw new ConnectError(result.phase, result.message, result.lastOutput);
    } else {
      const boot = (nodePath?: string) => this.boot(method, params, timeoutMs, nodePath, options.onExec);
      try {
        transport = await boot(method.nodePath);
      } catch (error) {
        const noNode = error instanceof ConnectError && saysNoNode(error.lastOutput);
        if (!noNode || !method.provideNode || method.nodePath) throw error;
        const nodePath = await method.provideNode((line) => openTransport(method, line), name);
        transport = await boot(nodePath);
      }
    }
    const context = new Context(
      this.router,
      this.responder,
      id,
      name,
      via ? [...via.path, id] : [id],
      transport,
    );
    this.contexts.set(id, context);
    if (this.closing) {
      await context.shutdown();
      throw new ConnectError('spawn', `${name}: the controller is shutting down`);
    }
    return context;
  }

  /** The next id for a context the master starts: from its own blocks, never one handed out by ALLOCATE_ID. */
  private allocateOwnId(): number {
    if (this.nextId % ID_BLOCK_SIZE === 0) {
      this.nextId = this.nextBlock;
      this.nextBlock += ID_BLOCK_SIZE;
    }
    return this.nextId++;
  }

  /**
   * Lets every router from here down to `via` accept ADD_ROUTE for `id` from the stream toward `via`: an id
   * announced by a subtree must have been allocated to it (DESIGN.md §3).
   */
  private async grantThrough(via: Context, id: number): Promise<void> {
    this.router.grant(via.id, id);
    for (let i = 0; i < via.path.length - 1; i++) {
      const hop = this.contexts.get(via.path[i]);
      if (!hop)
        throw new ConnectError('spawn', `context ${via.path[i]} on the way to ${via.name} is unknown`);
      await hop.callService('spindle.context', 'grant', { child: via.path[i + 1], start: id, end: id });
    }
  }

  /** Opens the method's transport with a boot line and runs the boot handshake on it. */
  private async boot(
    method: ConnectionMethod,
    params: ChildParams,
    timeoutMs: number,
    nodePath: string | undefined,
    onExec: ConnectOptions['onExec'],
  ): Promise<Transport> {
    const { name } = params;
    const core = await loadCoreBundle();
    const nonce = randomBytes(8).toString('hex');
    const inheritedFds = method.kind === 'spawn' && method.protocolFds;
    const line = bootShellLine({ nonce, coreLength: core.deflated.length, params, nodePath, inheritedFds });
    onExec?.(method.kind === 'spawn' ? [...method.argv, line].map(shellQuote).join(' ') : line);
    const transport = await openTransport(method, line);
    if (this.closing) {
      transport.close();
      throw new ConnectError('spawn', `${name}: the controller is shutting down`);
    }
    this.booting.add(transport);
    try {
      await this.handshake(method, params, transport, core.deflated, nonce, timeoutMs);
    } finally {
      this.booting.delete(transport);
    }
    return transport;
  }

  private handshake(
    method: ConnectionMethod,
    params: ChildParams,
    transport: Transport,
    core: Buffer,
    nonce: string,
    timeoutMs: number,
  ): Promise<unknown> {
    const { id, name } = params;
    return bootChild({
      router: this.router,
      transport,
      core,
      params,
      nonce,
      prompts: method.kind === 'spawn' ? method.prompts : undefined,
      timeoutMs,
      onOutputLine: (text) =>
        this.emit({
          logger: `spindle.${name}`,
          level: 'info',
          message: text,
          contextId: id,
          contextName: name,
          time: Date.now(),
        }),
    });
  }

  /** Listens to every log record: the master's own and those forwarded from contexts. */
  onLog(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shuts every context down (each shuts its own children down first), killing what does not go in time. */
  async shutdown(): Promise<void> {
    this.closing = true;
    for (const transport of this.booting) transport.close();
    const direct = [...this.contexts.values()].filter((c) => c.path.length === 1 && !c.disconnected);
    await Promise.all(direct.map((c) => c.shutdown()));
  }

  private emit(record: LogRecord): void {
    for (const listener of this.listeners) listener(record);
  }

  private onForwardLog(message: Message): void {
    const record = decodePayload(Handle.FORWARD_LOG, message.payload);
    // A record may speak for its sender or a context behind the same stream (a parent forwards its child's
    // boot output), never for a context elsewhere: a host cannot print lines as another host.
    const stream = this.router.routes.get(message.src);
    const behind =
      record.contextId === message.src ||
      (stream !== undefined &&
        (this.router.routes.get(record.contextId) === stream || this.router.owns(stream, record.contextId)));
    const origin = behind ? record.contextId : message.src;
    this.emit({
      ...record,
      contextId: origin,
      contextName: this.router.names.get(origin) ?? record.contextName,
    });
  }

  private onAllocateId(message: Message): void {
    const given = this.blocksByChild.get(message.src) ?? 0;
    if (given >= MAX_ID_BLOCKS_PER_CHILD) {
      this.log.warning(`refused ALLOCATE_ID from context ${message.src}: it already has ${given} blocks`);
      this.router.deadReply(message, `refused: context ${message.src} already has ${given} id blocks`);
      return;
    }
    this.blocksByChild.set(message.src, given + 1);
    const start = this.nextBlock;
    const end = start + ID_BLOCK_SIZE - 1;
    this.nextBlock += ID_BLOCK_SIZE;
    // The block belongs to the requester's subtree: its ids may be announced through its stream only.
    this.router.grant(message.src, start, end);
    this.router.sendData(message.src, message.replyTo, { start, end } satisfies IdBlock);
  }
}

/** Starts a method's process or stream with one shell line; failures become ConnectErrors in phase `spawn`. */
async function openTransport(method: ConnectionMethod, line: string): Promise<Transport> {
  try {
    return method.kind === 'spawn' ? spawnTransport(method, line) : await method.open(line);
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    throw new ConnectError('spawn', `${method.name}: ${(error as Error).message}`);
  }
}

/** Creates the master (context 0) of a new bus. */
export async function createMaster(options: MasterOptions = {}): Promise<Master> {
  return new Master(options);
}
