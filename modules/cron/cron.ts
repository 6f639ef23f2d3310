import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, ModuleFailure, type ModuleResult } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { atomicWrite } from '../host/atomic-write.js';
import { backupArgs } from '../host/file-args.js';
import { readIfExists } from '../host/file-state.js';
import { type CronPlan, type CronState, type CronStep, crontabLabel, planCron } from './cron-plan.js';

const time = z.union([z.string(), z.number()]).transform(String).default('*');

const args = withAliases(
  z
    .object({
      name: z.string().min(1),
      job: z.string().optional(),
      state: z.enum(['present', 'absent']).default('present'),
      user: z.string().optional(),
      cron_file: z.string().optional(),
      minute: time,
      hour: time,
      day: time,
      month: time,
      weekday: time,
      special_time: z
        .enum(['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'hourly'])
        .optional(),
      disabled: z.boolean().default(false),
      env: z.boolean().default(false),
      insertafter: z.string().optional(),
      insertbefore: z.string().optional(),
      ...backupArgs,
    })
    .strict()
    .refine((a) => a.insertafter === undefined || a.insertbefore === undefined, {
      message: 'parameters are mutually exclusive: insertafter|insertbefore',
    }),
  { value: 'job', dom: 'day', dow: 'weekday' },
);

type Args = z.infer<typeof args>;

function exec(argv: string[]): Promise<{ rc: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(argv[0], argv.slice(1), { encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (typeof code === 'string')
        reject(new ModuleFailure(`cron: cannot run ${argv[0]}: ${error?.message}`));
      else resolve({ rc: typeof code === 'number' ? code : 0, stdout, stderr });
    });
  });
}

/** `-u USER` when the crontab is another user's (as Ansible: omitted for the current user). */
function userFlag(a: Args): string[] {
  return a.user && a.user !== userInfo().username ? ['-u', a.user] : [];
}

function cronPath(a: Args): string | undefined {
  if (!a.cron_file) return undefined;
  return isAbsolute(a.cron_file) ? a.cron_file : join('/etc/cron.d', a.cron_file);
}

async function writeUserCrontab(a: Args, text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'spindle-crontab-'));
  try {
    const file = join(dir, 'crontab');
    await writeFile(file, text, { mode: 0o644 });
    const outcome = await exec(['crontab', ...userFlag(a), file]);
    if (outcome.rc !== 0)
      throw new ModuleFailure(`cron: crontab ${userFlag(a).join(' ')} failed: ${outcome.stderr.trim()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `cron`: manage named jobs and variables in a user's crontab or a cron file, as Ansible's `cron` writes them. */
export const cronModule = defineModule({
  name: 'cron',
  pathArgs: ['cron_file'],
  summary: 'Add, change, disable or remove a named job (or variable) in a crontab or an /etc/cron.d file.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a): Promise<CronState> {
    const path = cronPath(a);
    if (path) {
      const data = await readIfExists(path);
      return { output: data?.toString('utf8') ?? '', path, fileExists: data !== undefined };
    }
    const outcome = await exec(['crontab', ...userFlag(a), '-l']);
    // rc 1 is "no crontab for USER": an empty crontab.
    if (outcome.rc !== 0 && outcome.rc !== 1)
      throw new ModuleFailure(`cron: unable to read ${crontabLabel(a, {})}: ${outcome.stderr.trim()}`);
    return { output: outcome.stdout, fileExists: false };
  },
  plan: (a, state, env) => planCron(a, state, env.diff),
  async apply(a, _state, plan) {
    const extra = (plan as CronPlan).extra;
    const result: ModuleResult = { changed: true, ...extra };
    for (const step of plan.steps as CronStep[]) {
      if (step.do === 'remove-file') {
        await unlink(step.path);
        continue;
      }
      if (a.backup) {
        const backup = join(tmpdir(), `crontab${randomBytes(4).toString('hex')}`);
        await writeFile(backup, step.before, { mode: 0o600, flag: 'wx' });
        result.backup_file = backup;
      }
      const path = cronPath(a);
      if (path) await atomicWrite(path, step.text, { mode: 0o644 });
      else await writeUserCrontab(a, step.text);
    }
    return result;
  },
  report: (_a, _state, plan) => (plan as CronPlan).extra,
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(cronModule);
