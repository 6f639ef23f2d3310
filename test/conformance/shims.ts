import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Outcome } from './execute.js';
import { parseRecap } from './recap.js';

/** The Ansible commands a runme.sh calls that the runner replaces: the playbook runner and the ad-hoc one. */
export type Tool = 'ansible-playbook' | 'ansible';

/** One call of a shimmed tool made by a script: its arguments and how it ended. */
export interface Call extends Outcome {
  readonly tool: Tool;
  readonly args: readonly string[];
}

/** The command line (program and leading arguments) each shim runs in place of a tool. */
export type ShimCommands = Readonly<Record<Tool, readonly string[]>>;

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A shim: runs the command with the call's arguments, passing stdin, stdout and stderr through unchanged (tee),
 * and records in `$SPINDLE_CONFORMANCE_CALLS/N/` (N numbers the calls in the order they start) the arguments,
 * both outputs and the exit code, which it exits with.
 */
function shimScript(tool: Tool, command: readonly string[]): string {
  return `#!/usr/bin/env bash
# Conformance shim for ${tool}: records the call, its output and its exit code.
calls="\${SPINDLE_CONFORMANCE_CALLS:?}"
mkdir -p "$calls" || exit 127
n=1
until mkdir "$calls/$n" 2>/dev/null; do n=$((n + 1)); done
call="$calls/$n"
echo ${tool} >"$call/tool"
printf '%s\\0' "$@" >"$call/args"
date +%s%3N >"$call/start"
{ { ${command.map(quote).join(' ')} "$@"; echo $? >"$call/exit"; } 2>&1 1>&3 3>&- | tee "$call/stderr" >&2; } 3>&1 | tee "$call/stdout"
date +%s%3N >"$call/end"
exit "$(cat "$call/exit" 2>/dev/null || echo 141)"
`;
}

/** Writes the shims into `dir` and returns the PATH that puts them first. */
export function writeShims(dir: string, commands: ShimCommands, path: string): string {
  mkdirSync(dir, { recursive: true });
  for (const tool of Object.keys(commands) as Tool[]) {
    writeFileSync(join(dir, tool), shimScript(tool, commands[tool]), { mode: 0o755 });
  }
  return `${dir}${delimiter}${path}`;
}

/** The program a name resolves to on PATH (skipping `skip`), as a shell would find it; null when absent. */
export function which(name: string, path: string, skip?: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir || dir === skip) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The calls the shims recorded in `dir`, in the order they started. A call that never ended has no exit code. */
export function readCalls(dir: string): Call[] {
  if (!existsSync(dir)) return [];
  const numbers = readdirSync(dir)
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  return numbers.map((n) => {
    const call = join(dir, String(n));
    const stdout = read(join(call, 'stdout'));
    const stderr = read(join(call, 'stderr'));
    const exit = read(join(call, 'exit')).trim();
    const args = read(join(call, 'args')).split('\0');
    args.pop();
    const ms = Number(read(join(call, 'end'))) - Number(read(join(call, 'start')));
    return {
      tool: read(join(call, 'tool')).trim() as Tool,
      args,
      exitCode: exit === '' ? null : Number(exit),
      timedOut: exit === '',
      recap: parseRecap(stdout),
      output: stderr ? `${stdout}${stdout.endsWith('\n') || !stdout ? '' : '\n'}${stderr}` : stdout,
      ms: Number.isFinite(ms) && ms >= 0 ? ms : 0,
    };
  });
}
