import { describe, expect, test } from 'vitest';
import { cronModule } from '../../../modules/cron/cron.js';
import { type CronState, type CronStep, planCron } from '../../../modules/cron/cron-plan.js';
import { splitLines, stripCrontabHeader } from '../../../modules/cron/crontab-text.js';

const userCrontab = (output: string): CronState => ({ output, fileExists: false });
const cronFile = (output: string): CronState => ({
  output,
  path: '/etc/cron.d/app',
  fileExists: output !== '',
});

/** Plans one task against fake crontab text and returns the text it would write ('' for no change). */
function planned(raw: Record<string, unknown>, state: CronState) {
  const plan = planCron(cronModule.args.parse(raw), state, true);
  const step = plan.steps[0] as CronStep | undefined;
  return { plan, text: step?.do === 'write' ? step.text : step ? `<remove ${step.path}>` : '' };
}

describe('cron plans (fixtures of crontab text)', () => {
  const fixtures: Array<[string, Record<string, unknown>, CronState, string]> = [
    [
      'adds a job with its marker line to an empty crontab',
      { name: 'backup', job: '/usr/bin/backup', minute: 0, hour: '2' },
      userCrontab(''),
      '#Ansible: backup\n0 2 * * * /usr/bin/backup\n',
    ],
    [
      'appends a job after the lines already there',
      { name: 'backup', job: '/usr/bin/backup' },
      userCrontab('MAILTO=root\n5 * * * * /bin/x\n'),
      'MAILTO=root\n5 * * * * /bin/x\n#Ansible: backup\n* * * * * /usr/bin/backup\n',
    ],
    [
      'replaces the line under the marker in place, keeping the other jobs in order',
      { name: 'backup', job: '/new', minute: '0', hour: '3' },
      userCrontab('#Ansible: backup\n0 2 * * * /old\n#Ansible: other\n* * * * * /o\n'),
      '#Ansible: backup\n0 3 * * * /new\n#Ansible: other\n* * * * * /o\n',
    ],
    [
      'disables a job by commenting its line out',
      { name: 'backup', job: '/usr/bin/backup', disabled: true },
      userCrontab('#Ansible: backup\n* * * * * /usr/bin/backup\n'),
      '#Ansible: backup\n#* * * * * /usr/bin/backup\n',
    ],
    [
      'removes the marker and the job line, nothing else',
      { name: 'backup', state: 'absent' },
      userCrontab('A=1\n#Ansible: backup\n* * * * * /b\n#Ansible: keep\n@daily /k\n'),
      'A=1\n#Ansible: keep\n@daily /k\n',
    ],
    [
      'puts a new variable on top, quoted as Ansible writes it',
      { name: 'PATH', env: true, job: '/opt/bin' },
      userCrontab('#Ansible: a\n* * * * * /a\n'),
      'PATH="/opt/bin"\n#Ansible: a\n* * * * * /a\n',
    ],
    [
      'inserts a variable after another one',
      { name: 'APP_HOME', env: true, value: '/srv/app', insertafter: 'PATH' },
      userCrontab('SHELL=/bin/sh\nPATH="/bin"\n#Ansible: a\n* * * * * /a\n'),
      'SHELL=/bin/sh\nPATH="/bin"\nAPP_HOME="/srv/app"\n#Ansible: a\n* * * * * /a\n',
    ],
    [
      'inserts a variable before another one and updates a changed value in place',
      { name: 'SHELL', env: true, job: '/bin/bash', insertbefore: 'PATH' },
      userCrontab('PATH="/bin"\nSHELL="/bin/sh"\n'),
      'PATH="/bin"\nSHELL="/bin/bash"\n',
    ],
    [
      'removes a variable',
      { name: 'PATH', env: true, state: 'absent' },
      userCrontab('PATH="/bin"\n#Ansible: a\n* * * * * /a\n'),
      '#Ansible: a\n* * * * * /a\n',
    ],
    [
      'writes a special time, with the user column in a cron file',
      { name: 'start', job: '/start', special_time: 'reboot', user: 'root', cron_file: 'app' },
      cronFile(''),
      '#Ansible: start\n@reboot root /start\n',
    ],
    [
      'writes a special time without a user column in a user crontab',
      { name: 'rotate', job: '/rotate', special_time: 'weekly', dow: '*' },
      userCrontab(''),
      '#Ansible: rotate\n@weekly /rotate\n',
    ],
    [
      'adopts an identical unmanaged job line by adding the marker above it',
      { name: 'adopt', job: '/x', minute: '5' },
      userCrontab('5 * * * * /x\n'),
      '#Ansible: adopt\n5 * * * * /x\n',
    ],
    [
      'adds the terminating newline a crontab lacks, even when the job is already there',
      { name: 'a', job: '/a' },
      userCrontab('#Ansible: a\n* * * * * /a'),
      '#Ansible: a\n* * * * * /a\n',
    ],
    [
      'removes the cron file once its last job is gone',
      { name: 'start', state: 'absent', cron_file: 'app' },
      cronFile('#Ansible: start\n@reboot root /start\n'),
      '<remove /etc/cron.d/app>',
    ],
  ];
  test.each(fixtures)('%s', (_title, raw, state, text) => {
    expect(planned(raw, state).text).toBe(text);
  });

  test('an unchanged job, variable or absent job is no change, with a reason', () => {
    const job = planned({ name: 'a', job: '/a' }, userCrontab('#Ansible: a\n* * * * * /a\n')).plan;
    expect(job).toMatchObject({ steps: [], reason: 'job "a" is already present in crontab' });
    expect(job.extra).toMatchObject({ jobs: ['a'], envs: [] });
    const env = planned({ name: 'P', env: true, job: 'x', user: 'ops' }, userCrontab('P="x"\n')).plan;
    expect(env).toMatchObject({
      steps: [],
      reason: 'environment variable P is already set in crontab for user "ops"',
    });
    const gone = planned({ name: 'b', state: 'absent', cron_file: 'app' }, cronFile('')).plan;
    expect(gone).toMatchObject({ steps: [], reason: 'job "b" is already absent in /etc/cron.d/app' });
  });

  test('the header crontab -l prints is not part of the crontab (nor of the diff)', () => {
    const output =
      '# DO NOT EDIT THIS FILE - edit the master and reinstall.\n# (/tmp/crontab.X installed on Thu Jan  1 00:00:00 2026)\n# (Cron version -- $Id: crontab.c,v 2.13 vixie Exp $)\n#Ansible: a\n* * * * * /a\n';
    expect(stripCrontabHeader(output)).toEqual({
      text: '#Ansible: a\n* * * * * /a\n',
      lines: ['#Ansible: a', '* * * * * /a'],
    });
    const { plan } = planned({ name: 'b', job: '/b' }, userCrontab(output));
    expect(plan.diff).toEqual([
      {
        path: 'crontab',
        before: '#Ansible: a\n* * * * * /a\n',
        after: '#Ansible: a\n* * * * * /a\n#Ansible: b\n* * * * * /b\n',
        kind: 'content',
      },
    ]);
    expect(splitLines('a\r\nb\rc\n\n')).toEqual(['a', 'b', 'c', '']);
  });

  test("refuses what Ansible refuses, with Ansible's messages", () => {
    const fails =
      (raw: Record<string, unknown>, state = userCrontab('')) =>
      () =>
        planned(raw, state);
    expect(fails({ name: 'a', job: '/a', special_time: 'daily', hour: '2' })).toThrow(
      'You must specify time and date fields or special time.',
    );
    expect(fails({ name: 'a', job: '/a', cron_file: 'app' }, cronFile(''))).toThrow(
      'To use cron_file=... parameter you must specify user=... as well',
    );
    expect(fails({ name: 'a' })).toThrow("You must specify 'job' to install a new cron job or variable");
    expect(fails({ name: 'X', env: true, job: '1', insertafter: 'NOPE' })).toThrow(
      "Variable named 'NOPE' not found.",
    );
    expect(fails({ name: 'a', job: '/a', insertafter: 'P' })).toThrow(
      'Insertafter and insertbefore parameters are valid only with env=yes',
    );
    expect(fails({ name: 'a b', env: true, job: '1' })).toThrow('Invalid name for environment variable');
    expect(fails({ name: 'a', job: '/a', user: 'root', cron_file: '/etc/crontab' })).toThrow(
      'Will not manage /etc/crontab via cron_file, see documentation.',
    );
  });
});
