/**
 * The command line that starts a context (DESIGN.md §4.4, step 1–2). The shell wrapper finds `node`, moves the
 * protocol channel to fds 3/4 (`3<&0 4>&1 </dev/null >&2`) so nothing the process prints can corrupt frames,
 * and runs the first stage: print a marker line with the connection's nonce, read exactly `<length>` bytes of
 * raw-deflated core from fd 3, inflate and run it.
 */

/** Parameters the parent hands to a new context on its command line (base64 JSON, last argument). */
export interface ChildParams {
  id: number;
  name: string;
  /** Ancestor ids, parent first, ending with the master. */
  ancestors: number[];
  maxMessageSize: number;
  unidirectional: boolean;
  /** Enable `spindle.io` frame tracing. */
  ioLog: boolean;
}

// ES2015, no single quotes (it is wrapped in them), no `$` or backticks (shells).
const FIRST_STAGE = [
  'const f=require("fs"),a=process.argv,n=+a[1];',
  'if(+process.versions.node.split(".")[0]<18){f.writeSync(2,"spindle: node "+process.version+" is older than 18\\n");process.exit(127)}',
  'f.writeSync(4,"\\nSPINDLE-"+a[3]+"\\n");',
  'const b=Buffer.alloc(n);for(let o=0;o<n;){let r=-1;try{r=f.readSync(3,b,o,n-o,null)}catch(e){if(e.code!=="EAGAIN")throw e}if(r===0)process.exit(1);if(r>0)o+=r}',
  'global.__spindle={src:require("zlib").inflateRawSync(b).toString(),argv:a};',
  'new Function("require",__spindle.src)(require)',
].join('');

/** The marker line the first stage prints on the channel once it runs (the nonce defeats banners and MOTDs). */
export function readyMarker(nonce: string): string {
  return `SPINDLE-${nonce}`;
}

/** Options for `bootShellLine`. */
export interface BootLineOptions {
  /** Absolute path of the node binary to use; default: `node` found on PATH (with a clear error if absent). */
  nodePath?: string;
  /** Used when PATH has no `node` (a parent context passes its own `process.execPath`). */
  fallbackNode?: string;
  nonce: string;
  coreLength: number;
  params: ChildParams;
  /** The protocol pipes are already fds 3/4 (a pty holds stdin/stdout for a password prompt): do not move them. */
  inheritedFds?: boolean;
}

/** The marker the wrapper prints on stderr when there is no usable node (transports may upload one and retry). */
export const NO_NODE_MARKER = 'spindle: no node';

/** True when a failed boot's output says the target has no node, or only one older than 18 (first stage). */
export function saysNoNode(lines: readonly string[]): boolean {
  return lines.some(
    (line) => line.includes(NO_NODE_MARKER) || /^spindle: node \S+ is older than 18/.test(line),
  );
}

/** Builds the shell line that starts a context; run it with `sh -c`, an ssh exec request, sudo … sh -c. */
export function bootShellLine(options: BootLineOptions): string {
  const params = Buffer.from(JSON.stringify(options.params)).toString('base64');
  const name = options.params.name.replace(/[^A-Za-z0-9_.@:-]/g, '_');
  const node = options.nodePath ? shellQuote(options.nodePath) : options.fallbackNode ? '"$N"' : 'node';
  const probe = options.nodePath
    ? `[ -x ${node} ]||{ echo "${NO_NODE_MARKER} at "${node} >&2;exit 127;};`
    : options.fallbackNode
      ? `N=node;command -v node >/dev/null 2>&1||N=${shellQuote(options.fallbackNode)};`
      : `command -v node >/dev/null 2>&1||{ echo "${NO_NODE_MARKER} on PATH" >&2;exit 127;};`;
  return `${probe}exec ${node} -e '${FIRST_STAGE}' ${options.coreLength} ${name} ${options.nonce} ${params} ${options.inheritedFds ? '' : '3<&0 4>&1 '}</dev/null >&2`;
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
