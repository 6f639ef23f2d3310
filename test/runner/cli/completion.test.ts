import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledPlay, bundlePlay } from '../../support/bundled-play.js';
import { play } from './cli-harness.js';

/**
 * The bash completion script, sourced in a real bash from the real `play` (which it also calls for host
 * names), completing command lines set up as bash would (COMP_WORDS/COMP_CWORD).
 */
let bundled: BundledPlay;
let work: string;

beforeAll(async () => {
  bundled = await bundlePlay();
  work = mkdtempSync(join(tmpdir(), 'spindle-completion-'));
  mkdirSync(join(work, 'roles'));
  for (const file of ['site.yml', 'deploy.yaml', 'notes.txt', 'roles/x.yml'])
    writeFileSync(join(work, file), '');
  writeFileSync(join(work, 'hosts.ini'), '[web]\nweb1\nweb2\n[db]\ndb1\n');
}, 120_000);

afterAll(() => {
  bundled?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What `_play` offers for a command line whose last word is being completed. */
function complete(...words: string[]): Promise<string[]> {
  const script = [
    'source <(play completion bash)',
    'COMP_WORDS=("$@")',
    'COMP_CWORD=$(( $# - 1 ))',
    '_play',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', script, 'bash', 'play', ...words],
      { cwd: work, env: { ...process.env, PATH: `${bundled.pathDir}:${process.env.PATH}` }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout.split('\n').filter(Boolean).sort()),
    );
  });
}

describe('bash completion', () => {
  it('offers subcommands, playbook files and folders as the first word, not other files', async () => {
    expect(await complete('')).toEqual([
      'adhoc',
      'completion',
      'deploy.yaml',
      'doc',
      'inventory',
      'roles',
      'schema',
      'site.yml',
      'vault',
    ]);
  });

  it('completes flags from the flag table', async () => {
    expect(await complete('--li')).toEqual(['--limit', '--list-hosts', '--list-tags', '--list-tasks']);
    expect(await complete('site.yml', '--ch')).toEqual(['--check']);
  });

  it('completes --limit with the host and group names of the inventory given with -i', async () => {
    expect(await complete('-i', 'hosts.ini', 'site.yml', '-l', '')).toEqual([
      'all',
      'db',
      'db1',
      'ungrouped',
      'web',
      'web1',
      'web2',
    ]);
    expect(await complete('-i', 'hosts.ini', '--limit', 'web1,d')).toEqual(['web1,db', 'web1,db1']);
    expect(await complete('-i', 'hosts.ini', '-l', '!w')).toEqual(['!web', '!web1', '!web2']);
  });

  it('completes --limit from the default inventory when no -i is given', async () => {
    expect(await complete('site.yml', '-l', 'loc')).toEqual(['localhost']);
  });

  it('completes the values of flags with choices, and file names for file flags', async () => {
    expect(await complete('--reporter', 'p')).toEqual(['plain']);
    expect(await complete('-i', 'ho')).toEqual(['hosts.ini']);
    expect(await complete('completion', '')).toEqual(['bash', 'zsh']);
  });
});

describe('play completion', () => {
  it('prints a zsh script built on the same function', async () => {
    const run = await play(['completion', 'zsh']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#compdef play\n/);
    expect(run.stdout).toContain('bashcompinit');
    expect(run.stdout).toContain('complete -F _play play');
  });

  it('refuses an unknown shell with exit 5', async () => {
    const run = await play(['completion', 'fish']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('`play completion` takes one of bash, zsh, hosts, got "fish"');
  });
});

/** What zsh offers through the same function: bashcompinit registers it and runs it with 0-based arrays. */
function completeZsh(...words: string[]): Promise<{ registered: string; offered: string[] }> {
  const script = [
    'source <(play completion zsh)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh, not a template
    'print -r -- "${_comps[play]}"',
    'setopt ksharrays',
    'COMP_WORDS=("play" "$@")',
    'COMP_CWORD=$#',
    '_play',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh, not a template
    'print -l -- "${COMPREPLY[@]}"',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      'zsh',
      ['-c', script, 'zsh', ...words],
      { cwd: work, env: { ...process.env, PATH: `${bundled.pathDir}:${process.env.PATH}` }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const [registered, ...offered] = stdout.split('\n');
        resolve({ registered, offered: offered.filter(Boolean).sort() });
      },
    );
  });
}

describe('zsh completion', () => {
  it('registers _play through bashcompinit and completes host and group names after -l', async () => {
    const { registered, offered } = await completeZsh('-i', 'hosts.ini', '-l', '');
    expect(registered).toBe('_bash_complete -F _play');
    expect(offered).toEqual(['all', 'db', 'db1', 'ungrouped', 'web', 'web1', 'web2']);
  });

  it('completes subcommands and playbook files as the first word', async () => {
    const { offered } = await completeZsh('');
    expect(offered).toContain('adhoc');
    expect(offered).toContain('site.yml');
    expect(offered).not.toContain('notes.txt');
  });
});
