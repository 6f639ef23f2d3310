import { Chalk, type ChalkInstance } from 'chalk';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';

/** Colour depth: 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * Decides whether to colour output, as users expect: `FORCE_COLOR` (or `ANSIBLE_FORCE_COLOR`) wins, then
 * `NO_COLOR` / `ANSIBLE_NOCOLOR` (any non-empty value) turn colour off, else colour only on a terminal. Pure.
 */
export function colorLevel(env: Record<string, string | undefined>, isTTY: boolean): ColorLevel {
  const forced = env.FORCE_COLOR ?? (isAnsibleTrue(env.ANSIBLE_FORCE_COLOR) ? '1' : undefined);
  if (forced !== undefined) {
    if (forced === '' || forced === 'true') return 1;
    if (forced === 'false') return 0;
    const n = Number(forced);
    return Number.isInteger(n) && n >= 0 && n <= 3 ? (n as ColorLevel) : 1;
  }
  if (env.NO_COLOR) return 0;
  if (isAnsibleTrue(env.ANSIBLE_NOCOLOR)) return 0;
  if (!isTTY) return 0;
  return env.COLORTERM === 'truecolor' ? 3 : env.TERM?.includes('256') ? 2 : 1;
}

/** Ansible's colours per status (ok green, changed yellow, skipped cyan, failed/unreachable red …). */
export interface Palette {
  ok(text: string): string;
  changed(text: string): string;
  skipped(text: string): string;
  failed(text: string): string;
  warning(text: string): string;
  dim(text: string): string;
  diffAdd(text: string): string;
  diffRemove(text: string): string;
  diffHunk(text: string): string;
  enabled: boolean;
}

/** Builds the status palette for a colour level (level 0 returns text unchanged). */
export function makePalette(level: ColorLevel): Palette {
  const c: ChalkInstance = new Chalk({ level });
  return {
    ok: (t) => c.green(t),
    changed: (t) => c.yellow(t),
    skipped: (t) => c.cyan(t),
    failed: (t) => c.red(t),
    warning: (t) => c.magenta(t),
    dim: (t) => c.dim(t),
    diffAdd: (t) => c.green(t),
    diffRemove: (t) => c.red(t),
    diffHunk: (t) => c.cyan(t),
    enabled: level > 0,
  };
}
