import { randomBytes } from 'node:crypto';
import type { ConnectError } from './errors.js';
import type { ChildParams } from './first-stage.js';
import { bootShellLine } from './first-stage.js';
import { Handle, MASTER_ID } from './protocol.js';
import type { Router } from './router.js';
import type { Service } from './services.js';
import { bootChild, type SpawnSpec, spawnTransport, type Transport } from './spawner.js';

/** What a parent asks for when it wants a context started through this one (`via`). */
export interface SpawnChildArgs {
  spec: SpawnSpec;
  params: ChildParams;
  timeoutMs: number;
}

/** The answer: ready, or the phase and output of the failure. */
export type SpawnChildResult =
  | { ok: true }
  | { ok: false; phase: ConnectError['phase']; message: string; lastOutput: string[] };

/** Tracks the children a context started, to shut them down or kill them when it goes. */
export class ChildProcesses {
  readonly transports = new Map<number, Transport>();

  constructor(
    private readonly router: Router,
    private readonly core: () => Buffer,
    private readonly onLine: (child: ChildParams, line: string) => void,
    /** Called before each child starts: the context will route for it from now on. */
    private readonly onStart: () => void = () => {},
  ) {}

  /** Starts one child over a spawned process and waits until it is ready. */
  async start(args: SpawnChildArgs): Promise<SpawnChildResult> {
    this.onStart();
    const core = this.core();
    const nonce = randomBytes(8).toString('hex');
    // Without node on the child's PATH, it runs this context's own node (the one uploaded to a bare target).
    const line = bootShellLine({
      nonce,
      coreLength: core.length,
      params: args.params,
      nodePath: args.spec.nodePath,
      fallbackNode: process.execPath,
      inheritedFds: args.spec.protocolFds,
    });
    const transport = spawnTransport(args.spec, line);
    try {
      await bootChild({
        router: this.router,
        transport,
        core,
        params: args.params,
        nonce,
        prompts: args.spec.prompts,
        timeoutMs: args.timeoutMs,
        onOutputLine: (text) => this.onLine(args.params, text),
      });
    } catch (error) {
      const e = error as ConnectError;
      return { ok: false, phase: e.phase ?? 'bootstrap', message: e.message, lastOutput: e.lastOutput ?? [] };
    }
    this.transports.set(args.params.id, transport);
    transport.closed.then(() => this.transports.delete(args.params.id));
    return { ok: true };
  }

  /** Asks every child to shut down, waits up to `graceMs`, then kills what is left. */
  async shutdownAll(graceMs: number): Promise<void> {
    const children = [...this.transports];
    for (const [id] of children) {
      this.router.send({ dst: id, handle: Handle.SHUTDOWN, replyTo: 0, enc: 1, payload: Buffer.from([0]) });
    }
    const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all(children.map(([, t]) => t.closed)), timeout]);
    for (const [, transport] of this.transports) transport.close();
  }

  /** Kills every child at once (the parent link is gone). */
  killAll(): void {
    for (const [, transport] of this.transports) transport.close();
  }

  /**
   * The `spindle.context` service: lets an ancestor start a child through this context, and allow a child's
   * subtree to announce an id the master allocated to it (a grandchild started through that child).
   */
  service(): Service {
    return {
      spawn: { policy: 'parent', fn: (args) => this.start(args as SpawnChildArgs) },
      grant: {
        policy: 'parent',
        fn: (args) => {
          const { child, start, end } = args as { child: number; start: number; end: number };
          if (!this.router.grant(child, start, end))
            throw new Error(`context ${child} is not behind this one`);
          return null;
        },
      },
    };
  }
}

export { MASTER_ID };
