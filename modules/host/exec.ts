import { spawn } from 'node:child_process';
import type { ModuleEnv } from '../contract/define-module.js';
import { guardProcessGroup } from './process-groups.js';

/** What a command produced, in Ansible's result vocabulary. */
export interface ExecResult {
  rc: number;
  stdout: string;
  stderr: string;
  stdout_lines: string[];
  stderr_lines: string[];
  start: string;
  end: string;
  delta: string;
}

/** How to run one command: argv (never through a shell unless argv says so), cwd, stdin. */
export interface ExecRequest {
  argv: string[];
  chdir?: string;
  stdin?: string;
  /**
   * What is removed from the end of stdout and stderr: trailing newlines (the default), every trailing `\r` and
   * `\n` (`rstrip`, command's `strip_empty_ends`), or nothing (`keep`).
   */
  trim?: 'newlines' | 'rstrip' | 'keep';
}

const TRIMS = { newlines: /\n+$/, rstrip: /[\r\n]+$/, keep: /(?!)$/ } as const;

/** Python's `str.splitlines()`: every line break ends a line, and a final break opens no empty line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function timestamp(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}

function duration(ms: number): string {
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${(s % 60).toFixed(6).padStart(9, '0')}`;
}

/** Runs a process, streaming each output line live through `env.log` and capturing everything. */
export function execute(
  request: ExecRequest,
  env: Pick<ModuleEnv, 'log' | 'environment'>,
): Promise<ExecResult> {
  const started = new Date();
  return new Promise((resolve, reject) => {
    const child = spawn(request.argv[0], request.argv.slice(1), {
      cwd: request.chdir,
      env: env.environment ? { ...process.env, ...env.environment } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, killed whole by the reaper if the context goes away mid-task (no orphans).
      detached: true,
    });
    const release = guardProcessGroup(child.pid);
    const captured = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    for (const name of ['stdout', 'stderr'] as const) {
      let partial = '';
      child[name].on('data', (chunk: Buffer) => {
        captured[name].push(chunk);
        const text = partial + chunk.toString('utf8');
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) env.log(line, name);
      });
      child[name].on('end', () => {
        if (partial) env.log(partial, name);
      });
    }
    child.on('error', (error) => {
      release();
      reject(error);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(request.stdin ?? '');
    child.on('close', (code, signal) => {
      release();
      const ended = new Date();
      const trim = TRIMS[request.trim ?? 'newlines'];
      const stdout = Buffer.concat(captured.stdout).toString('utf8').replace(trim, '');
      const stderr = Buffer.concat(captured.stderr).toString('utf8').replace(trim, '');
      resolve({
        rc: code ?? (signal ? -1 : 0),
        stdout,
        stderr,
        stdout_lines: splitLines(stdout),
        stderr_lines: splitLines(stderr),
        start: timestamp(started),
        end: timestamp(ended),
        delta: duration(ended.getTime() - started.getTime()),
      });
    });
  });
}

/** Splits a command line like a POSIX shell would (quotes and backslashes), without running one. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in command: ${line}`);
  if (inWord) words.push(word);
  return words;
}
