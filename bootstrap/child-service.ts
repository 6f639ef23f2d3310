import { randomBytes } from 'node:crypto';
import { Secret } from './codec.js';
import type { ConnectError, ConnectPhase } from './errors.js';
import type { ChildParams } from './first-stage.js';
import { bootShellLine, shellQuote } from './first-stage.js';
import { flag, integer, mapping, PayloadError, text, textList } from './payloads.js';
import { Handle, MASTER_ID } from './protocol.js';
import type { Router } from './router.js';
import type { Service } from './services.js';
import { bootChild, type PromptRule, type SpawnSpec, spawnTransport, type Transport } from './spawner.js';

/** What a parent asks for when it wants a context started through this one (`via`). */
export interface SpawnChildArgs {
  spec: SpawnSpec;
  params: ChildParams;
  timeoutMs: number;
}

/** The answer: ready, or the phase and output of the failure; `command` is the shell command that was run. */
export type SpawnChildResult =
  | { ok: true; command?: string }
  | { ok: false; phase: ConnectError['phase']; message: string; lastOutput: string[]; command?: string };

const SPAWN = 'spindle.context.spawn';
const PHASES: readonly ConnectPhase[] = ['spawn', 'tcp', 'auth', 'hostkey', 'bootstrap', 'become', 'timeout'];

function optionalText(fields: Record<string, unknown>, key: string): string | undefined {
  return fields[key] === undefined || fields[key] === null ? undefined : text(SPAWN, fields, key);
}

function prompt(value: unknown): PromptRule {
  const m = mapping(SPAWN, value);
  const rule: PromptRule = { match: text(SPAWN, m, 'match') };
  if (m.send instanceof Secret) rule.send = m.send;
  else if (m.send !== undefined && m.send !== null) rule.send = text(SPAWN, m, 'send');
  const failWith = optionalText(m, 'failWith');
  if (failWith !== undefined) rule.failWith = failWith;
  return rule;
}

/** Reads the argument of `spindle.context.spawn`: how to start the child, and its boot parameters. */
export function readSpawnChildArgs(value: unknown): SpawnChildArgs {
  const m = mapping(SPAWN, value);
  const rawSpec = mapping(SPAWN, m.spec);
  const spec: SpawnSpec = { argv: textList(SPAWN, rawSpec, 'argv') };
  if (rawSpec.env !== undefined && rawSpec.env !== null) {
    const env = mapping(SPAWN, rawSpec.env);
    spec.env = Object.fromEntries(Object.keys(env).map((key) => [key, text(SPAWN, env, key)]));
  }
  if (rawSpec.prompts !== undefined && rawSpec.prompts !== null) {
    if (!Array.isArray(rawSpec.prompts))
      throw new PayloadError(SPAWN, '`prompts` as a list', rawSpec.prompts);
    spec.prompts = rawSpec.prompts.map(prompt);
  }
  const nodePath = optionalText(rawSpec, 'nodePath');
  if (nodePath !== undefined) spec.nodePath = nodePath;
  if (rawSpec.protocolFds !== undefined && rawSpec.protocolFds !== null)
    spec.protocolFds = flag(SPAWN, rawSpec, 'protocolFds');
  const p = mapping(SPAWN, m.params);
  const ancestors = p.ancestors;
  if (!Array.isArray(ancestors) || !ancestors.every((id): id is number => Number.isInteger(id)))
    throw new PayloadError(SPAWN, '`ancestors` as a list of ids', ancestors);
  const params: ChildParams = {
    id: integer(SPAWN, p, 'id'),
    name: text(SPAWN, p, 'name'),
    ancestors,
    maxMessageSize: integer(SPAWN, p, 'maxMessageSize'),
    unidirectional: flag(SPAWN, p, 'unidirectional'),
    ioLog: flag(SPAWN, p, 'ioLog'),
  };
  const timeoutMs = m.timeoutMs;
  if (typeof timeoutMs !== 'number') throw new PayloadError(SPAWN, '`timeoutMs` as a number', timeoutMs);
  return { spec, params, timeoutMs };
}

/** Reads the reply of `spindle.context.spawn`. */
export function readSpawnChildResult(value: unknown): SpawnChildResult {
  const m = mapping(`${SPAWN} reply`, value);
  const command = optionalText(m, 'command');
  const ran = command === undefined ? {} : { command };
  if (m.ok === true) return { ok: true, ...ran };
  const phase = PHASES.find((p) => p === m.phase);
  if (phase === undefined) throw new PayloadError(`${SPAWN} reply`, 'a connect phase', m.phase);
  return {
    ok: false,
    phase,
    message: text(`${SPAWN} reply`, m, 'message'),
    lastOutput: textList(`${SPAWN} reply`, m, 'lastOutput'),
    ...ran,
  };
}

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
    const command = [...args.spec.argv, line].map(shellQuote).join(' ');
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
      const { phase = 'bootstrap', message, lastOutput = [] } = e;
      return { ok: false, phase, message, lastOutput, command };
    }
    this.transports.set(args.params.id, transport);
    transport.closed.then(() => this.transports.delete(args.params.id));
    return { ok: true, command };
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
      spawn: { policy: 'parent', fn: (args) => this.start(readSpawnChildArgs(args)) },
      grant: {
        policy: 'parent',
        fn: (args) => {
          const { child, start, end } = args as { child: number; start: number; end: number };
          if (!this.router.grant(child, start, end))
            throw new Error(`context ${child} is not behind this one`);
          return null;
        },
      },
      // An ancestor whose SHUTDOWN went unanswered (the child's thread is stuck) ends the child this way.
      kill: {
        policy: 'parent',
        fn: (args) => {
          const transport = this.transports.get((args as { id: number }).id);
          transport?.close();
          return transport !== undefined;
        },
      },
    };
  }
}

export { MASTER_ID };
