import { basename } from 'node:path';
import { ModuleFailure, type Plan } from '../contract/define-module.js';
import {
  findEnv,
  findJob,
  jobLine,
  markerFor,
  names,
  renderCrontab,
  replaceEnv,
  replaceJob,
  splitLines,
  stripCrontabHeader,
} from './crontab-text.js';

/** The `cron` arguments the plan reads (the module's zod schema produces them). */
export interface CronArgs {
  name: string;
  job?: string;
  state: 'present' | 'absent';
  user?: string;
  cron_file?: string;
  minute: string;
  hour: string;
  day: string;
  month: string;
  weekday: string;
  special_time?: string;
  disabled: boolean;
  env: boolean;
  insertafter?: string;
  insertbefore?: string;
  backup: boolean;
}

/** What `cron`'s probe read: the crontab as `crontab -l` (or the cron file) gave it, and where it lives. */
export interface CronState {
  /** Raw text (the cron file, or `crontab -l` output; missing = ''). */
  output: string;
  /** The cron file's absolute path, when `cron_file` is used. */
  path?: string;
  /** Whether the cron file exists. */
  fileExists: boolean;
}

/** One change: write the new crontab text, or remove the cron file whose last job is gone. */
export type CronStep = { do: 'write'; text: string; before: string } | { do: 'remove-file'; path: string };

/** A plan plus the result fields Ansible returns with it (`jobs`, `envs`, `warnings`, `cron_file`). */
export type CronPlan = Plan<CronStep> & { extra: Record<string, unknown> };

/** Where the crontab lives, in words: a cron file's path, or `crontab for user "x"` as Ansible's diff header. */
export function crontabLabel(a: Pick<CronArgs, 'user'>, state: Pick<CronState, 'path'>): string {
  if (state.path) return state.path;
  return a.user ? `crontab for user "${a.user}"` : 'crontab';
}

function validate(a: CronArgs): string[] {
  const fail = (msg: string): never => {
    throw new ModuleFailure(msg);
  };
  const warnings: string[] = [];
  if (a.cron_file) {
    if (a.cron_file === '/etc/crontab')
      fail('Will not manage /etc/crontab via cron_file, see documentation.');
    const base = basename(a.cron_file);
    if (!/^[A-Z0-9_-]+$/i.test(base))
      warnings.push(
        `Filename portion of cron_file ("${base}") should consist solely of upper- and lower-case letters, digits, underscores, and hyphens`,
      );
  }
  const times = [a.minute, a.hour, a.day, a.month, a.weekday];
  if (a.special_time && times.some((t) => t !== '*'))
    fail('You must specify time and date fields or special time.');
  if (a.state === 'present') {
    if (a.cron_file && !a.user) fail('To use cron_file=... parameter you must specify user=... as well');
    if (a.job === undefined) fail("You must specify 'job' to install a new cron job or variable");
    if ((a.insertafter || a.insertbefore) && !a.env)
      fail('Insertafter and insertbefore parameters are valid only with env=yes');
  }
  if (a.env && a.name.includes(' ')) fail('Invalid name for environment variable');
  return warnings;
}

/** Decides the new crontab for one `cron` task: Ansible's add / replace / remove rules, byte for byte. */
export function planCron(a: CronArgs, state: CronState, diff: boolean): CronPlan {
  const warnings = validate(a);
  const where = crontabLabel(a, state);
  const { text: before, lines: original } = state.path
    ? { text: state.output, lines: splitLines(state.output) }
    : stripCrontabHeader(state.output);
  let lines = [...original];
  let action: string | undefined;
  const what = a.env ? `environment variable ${a.name}` : `job "${a.name}"`;
  if (a.env) {
    const decl = `${a.name}="${a.job}"`;
    const found = findEnv(lines, a.name);
    if (a.state === 'present' && found < 0) {
      const other = a.insertafter ?? a.insertbefore;
      const at = other === undefined ? 0 : findEnv(lines, other);
      if (at < 0) throw new ModuleFailure(`Variable named '${other}' not found.`);
      lines.splice(a.insertafter !== undefined ? at + 1 : at, 0, decl);
      action = 'added to';
    } else if (a.state === 'present' && lines[found] !== decl) {
      lines = replaceEnv(lines, a.name, decl);
      action = 'updated in';
    } else if (a.state === 'absent' && found >= 0) {
      lines = replaceEnv(lines, a.name, undefined);
      action = 'removed from';
    }
  } else if (a.state === 'present') {
    if (/[\r\n]/.test((a.job ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '')))
      warnings.push('Job should not contain line breaks');
    const job = jobLine({ ...a, job: a.job ?? '', user: state.path ? a.user : undefined });
    const found = findJob(lines, a.name, job);
    if (!found) {
      lines.push(markerFor(a.name), job);
      action = 'added to';
    } else if (found.line !== job || found.headerFixed) {
      lines = replaceJob(lines, a.name, job);
      action = 'updated in';
    }
  } else if (findJob(lines, a.name)) {
    lines = replaceJob(lines, a.name, undefined);
    action = 'removed from';
    if (state.path && lines.every((l) => l.trim() === '')) {
      return {
        steps: [{ do: 'remove-file', path: state.path }],
        reason: `${what} removed: ${state.path} has no jobs left and will be removed`,
        ...(diff ? { diff: [{ path: state.path, before, after: '', kind: 'content' as const }] } : {}),
        extra: { cron_file: a.cron_file, state: a.state },
      };
    }
  }
  const extra = { ...names(lines), warnings, ...(a.cron_file ? { cron_file: a.cron_file } : {}) };
  let reason = action ? `${what} ${action} ${where}` : '';
  if (!action && before !== '' && !/[\r\n]$/.test(before)) reason = `${where} needs a terminating newline`;
  if (!reason) {
    const state = a.state === 'present' ? (a.env ? 'set' : 'present') : 'absent';
    return { steps: [], reason: `${what} is already ${state} in ${where}`, extra };
  }
  const after = renderCrontab(lines);
  return {
    steps: [{ do: 'write', text: after, before: renderCrontab(original) }],
    reason,
    ...(diff ? { diff: [{ path: where, before, after, kind: 'content' as const }] } : {}),
    extra,
  };
}
