import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ConnectError, type NodeChoice, type OpenShell, type Transport } from '../core/index.js';
import { nodeUploadScript, type UnameNames, unameNames, uploadTag } from './node-upload-script.js';

/** The node binary the controller runs on, hashed once per run: what gets uploaded to bare targets. */
export interface ControllerNode {
  path: string;
  version: string;
  platform: string;
  arch: string;
  size: number;
  sha256: string;
}

let controllerNodePending: Promise<ControllerNode> | undefined;

/** The controller's own node (`process.execPath`), with its SHA-256 computed on first use only. */
export function controllerNode(): Promise<ControllerNode> {
  controllerNodePending ??= describeBinary(process.execPath);
  return controllerNodePending;
}

async function describeBinary(path: string): Promise<ControllerNode> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return {
    path,
    version: process.version,
    platform: process.platform,
    arch: process.arch,
    size,
    sha256: hash.digest('hex'),
  };
}

/** What one supply did: reused the cached binary, or uploaded it. */
export interface NodeSupplyResult {
  host: string;
  path: string;
  uploaded: boolean;
}

/** Options of `uploadControllerNode`. */
export interface NodeUploadOptions {
  /** Called after each supply (a counter for tests, a log line for the CLI). */
  onSupplied?(result: NodeSupplyResult): void;
  /** The binary to offer; default the controller's own. */
  node?: () => Promise<ControllerNode>;
  /** Upper bound for checking and uploading (the binary is tens of MB); default 10 minutes. */
  timeoutMs?: number;
}

const LAST_LINES = 20;

/**
 * A `provideNode` for connection methods: runs the upload helper on the target over the method's own transport
 * and returns the path of a checked node binary in `~/.cache/spindle/node-<version>/`.
 */
export function uploadControllerNode(
  options: NodeUploadOptions = {},
): NonNullable<NodeChoice['provideNode']> {
  return async (open, host) => {
    const node = await (options.node ?? controllerNode)();
    const uname = unameNames(node.platform, node.arch);
    if (!uname)
      throw new ConnectError(
        'bootstrap',
        `${host}: no usable node (18+) on the target, and Spindle cannot tell which machines run the controller's node (${node.platform}-${node.arch}): install Node 18+ there, or set the host variable node_binary to the path of a node binary on it`,
        [],
        host,
      );
    const result = await runHelper(open, host, node, uname, options.timeoutMs ?? 600_000);
    options.onSupplied?.(result);
    return result.path;
  };
}

/** The connection-method fields for a host: `node_binary` when set, else the upload of the controller's node. */
export function nodeChoice(nodeBinary: string | undefined, options: NodeUploadOptions = {}): NodeChoice {
  return nodeBinary ? { nodePath: nodeBinary } : { provideNode: uploadControllerNode(options) };
}

async function runHelper(
  open: OpenShell,
  host: string,
  node: ControllerNode,
  uname: UnameNames,
  timeoutMs: number,
): Promise<NodeSupplyResult> {
  const nonce = randomBytes(6).toString('hex');
  const tag = `${uploadTag(nonce)} `;
  const where = `~/.cache/spindle/node-${node.version}/`;
  const transport = await open(
    nodeUploadScript({ nonce, version: node.version, sha256: node.sha256, uname }),
  );
  const lastOutput: string[] = [];
  const remember = (line: string) => {
    if (line.trim() === '') return;
    lastOutput.push(line);
    if (lastOutput.length > LAST_LINES) lastOutput.shift();
  };
  const failure = (message: string) => new ConnectError('bootstrap', `${host}: ${message}`, lastOutput, host);
  return new Promise<NodeSupplyResult>((resolve, reject) => {
    let answer: NodeSupplyResult | undefined;
    let problem: ConnectError | undefined;
    const timer = setTimeout(() => {
      problem = failure(`supplying node ${node.version} to ${where} took longer than ${timeoutMs} ms`);
      transport.close();
    }, timeoutMs);
    transport.stdin.on('error', () => {});
    lines(transport.stderr, remember);
    lines(transport.stdout, (line) => {
      if (!line.startsWith(tag)) return remember(line);
      const [word, ...rest] = line.slice(tag.length).split(' ');
      const detail = rest.join(' ');
      if (word === 'need')
        return send(transport, node.path, (e) => (problem ??= failure(`upload failed: ${e.message}`)));
      transport.stdin.end();
      if (word === 'have') answer = { host, path: detail, uploaded: false };
      else if (word === 'stored') answer = { host, path: detail, uploaded: true };
      else if (word === 'arch')
        problem = failure(
          `no usable node (18+) on the target, and the controller's node (${node.version}, ${node.platform}-${node.arch}) cannot run there (it is ${detail}): install Node 18+ on it, or set the host variable node_binary to the path of a node binary there`,
        );
      else problem = failure(`cannot put node ${node.version} into ${where}: ${detail}`);
    });
    transport.closed.then(({ code, signal }) => {
      clearTimeout(timer);
      if (problem) return reject(problem);
      if (answer) return resolve(answer);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(failure(`the node upload helper ${how} without an answer`));
    });
  });
}

function send(transport: Transport, path: string, onError: (error: Error) => void): void {
  const source = createReadStream(path);
  source.on('error', onError);
  source.pipe(transport.stdin);
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
  stream?.on('end', () => {
    if (rest) onLine(rest);
  });
}
