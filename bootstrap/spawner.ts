import { spawn } from 'node:child_process';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { Secret } from './codec.js';
import { ConnectError } from './errors.js';
import { bootShellLine, type ChildParams, readyMarker, saysNoNode } from './first-stage.js';
import type { Router } from './router.js';
import { Stream } from './stream.js';

/** Answers a prompt seen before the ready marker (a sudo password), or fails the connect when it matches. */
export interface PromptRule {
  /** Regular expression source, matched against output seen before the ready marker. */
  match: string;
  /** Written once, followed by a newline, to the child's stdin; a secret, never logged. */
  send?: string | Secret;
  /** Reject the connect (phase `become`) with this message when `match` is seen. */
  failWith?: string;
}

/** How to start a process that runs the boot shell line: an argv prefix ending in something that runs a shell line. */
export interface SpawnSpec {
  argv: string[];
  env?: Record<string, string>;
  prompts?: PromptRule[];
  /** The node binary on the target (skips the PATH probe). */
  nodePath?: string;
  /**
   * Run the protocol on extra pipes at the process's fds 3/4 (kept through `script` and `su`), so its stdin and
   * stdout can belong to a pseudo-terminal that answers a password prompt; prompt answers go to its stdin.
   */
  protocolFds?: boolean;
}

/** The byte streams of a started process or channel. */
export interface Transport {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable | null;
  /** Where prompt answers go when that is not `stdin` (the terminal side of a `protocolFds` process). */
  promptInput?: Writable;
  close(): void;
  closed: Promise<{ code: number | null; signal: string | null }>;
}

/** Spawns `argv + [bootLine]` as a local process. */
export function spawnTransport(spec: SpawnSpec, bootLine: string): Transport {
  const [program, ...args] = spec.argv;
  const child = spawn(program, [...args, bootLine], {
    stdio: spec.protocolFds ? ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
    env: spec.env ? { ...process.env, ...spec.env } : process.env,
    // Its own process group, so closing the transport also ends whatever the boot line started.
    detached: true,
  });
  const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('error', () => resolve({ code: null, signal: null }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const protocol = spec.protocolFds
    ? { input: child.stdio[3] as Writable, output: child.stdio[4] as Readable }
    : null;
  return {
    stdin: protocol?.input ?? child.stdin,
    stdout: protocol?.output ?? child.stdout,
    stderr: protocol ? merge(child.stdout, child.stderr) : child.stderr,
    promptInput: protocol ? child.stdin : undefined,
    closed,
    close: () => {
      child.stdin.end();
      protocol?.input.end();
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    },
  };
}

/** One readable carrying the chunks of both, ending when both have ended. */
function merge(a: Readable, b: Readable): Readable {
  const both = new PassThrough();
  let open = 2;
  for (const part of [a, b]) {
    part.pipe(both, { end: false });
    part.on('end', () => --open === 0 && both.end());
  }
  return both;
}

/** Everything needed to boot one child over a transport. */
export interface BootRequest {
  router: Router;
  transport: Transport;
  /** The raw-deflated core bundle. */
  core: Buffer;
  params: ChildParams;
  nonce: string;
  prompts?: PromptRule[];
  timeoutMs: number;
  /** Called for every line the child prints on stderr (its own stdout and stderr, after the fd moves). */
  onOutputLine(line: string): void;
}

const LAST_LINES = 20;

/**
 * Runs the boot handshake on a transport: send the core (at once, or after the marker when prompts may
 * intervene), answer prompts, wait for the marker, attach the frame stream to the router and wait for the
 * child's ready frame (its ADD_ROUTE). Rejects with a ConnectError naming the phase and the last output.
 */
export function bootChild(request: BootRequest): Promise<Stream> {
  const { transport, router, params } = request;
  const lastOutput: string[] = [];
  const remember = (line: string) => {
    if (line.trim() === '') return;
    lastOutput.push(line);
    if (lastOutput.length > LAST_LINES) lastOutput.shift();
  };
  return new Promise<Stream>((resolve, reject) => {
    let settled = false;
    let seen = '';
    const answered = new Set<PromptRule>();
    const fail = (error: ConnectError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      transport.close();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new ConnectError(
            'timeout',
            `context ${params.name} did not become ready within ${request.timeoutMs} ms`,
            lastOutput,
          ),
        ),
      request.timeoutMs,
    );
    const checkPrompts = (text: string) => {
      if (!request.prompts) return;
      seen += text;
      for (const rule of request.prompts) {
        if (answered.has(rule) || !new RegExp(rule.match).test(seen)) continue;
        answered.add(rule);
        seen = '';
        if (rule.failWith) return fail(new ConnectError('become', rule.failWith, lastOutput));
        if (rule.send !== undefined) {
          const secret = rule.send instanceof Secret ? rule.send.reveal() : rule.send;
          (transport.promptInput ?? transport.stdin).write(`${secret}\n`);
        }
      }
    };
    let stderrRest = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      const text = stderrRest + chunk.toString('utf8');
      const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
      stderrRest = lines.pop() ?? '';
      for (const line of lines) {
        remember(line);
        // A prompt this handshake answers is kept for error messages but not shown as output.
        if (!settled && request.prompts?.some((r) => r.send !== undefined && new RegExp(r.match).test(line)))
          continue;
        request.onOutputLine(line);
      }
      if (!settled) checkPrompts(chunk.toString('utf8'));
    });
    transport.stderr?.on('end', () => {
      if (stderrRest) request.onOutputLine(stderrRest);
    });
    if (!request.prompts) transport.stdin.write(request.core);
    transport.stdin.on('error', () => {});
    transport.promptInput?.on('error', () => {});
    const marker = Buffer.from(`\n${readyMarker(request.nonce)}\n`);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const at = head.indexOf(marker);
      if (at < 0) {
        const text = chunk.toString('utf8');
        for (const line of text.split('\n')) remember(line);
        checkPrompts(text);
        return;
      }
      transport.stdout.off('data', onData);
      transport.stdout.pause();
      const rest = head.subarray(at + marker.length);
      if (rest.length > 0) transport.stdout.unshift(rest);
      if (request.prompts) transport.stdin.write(request.core);
      const stream = new Stream(
        transport.stdout,
        transport.stdin,
        {
          remoteId: params.id,
          remoteName: params.name,
          isParent: false,
          maxMessageSize: params.maxMessageSize,
        },
        (message, from) => router.route(message, from),
      );
      const ready = router.waitForChild(params.id);
      router.addChild(stream);
      stream.onLoss((loss) =>
        fail(
          new ConnectError(
            'bootstrap',
            `context ${params.name} disconnected during boot: ${loss.reason}`,
            lastOutput,
          ),
        ),
      );
      ready.then(() => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(stream);
      });
    };
    transport.stdout.on('data', onData);
    transport.closed.then(({ code, signal }) => {
      if (settled) return;
      const noNode = saysNoNode(lastOutput);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const phase = code === null && signal === null ? 'spawn' : 'bootstrap';
      fail(
        new ConnectError(
          phase,
          noNode
            ? `no usable node (18+) on the target: ${lastOutput.at(-1)}`
            : `context ${params.name} ${how} before it was ready`,
          lastOutput,
        ),
      );
    });
  });
}

export { bootShellLine };
