import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cronModule } from '../../../modules/cron/cron.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';
import { playTasks } from '../play-support.js';
import { run, snapshot } from '../support.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('cron on a real system', () => {
  test('manages an absolute cron_file: writes 0644, is idempotent, changes nothing in check mode, removes it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cron-'));
    const file = join(dir, 'app-jobs');
    const job = {
      name: 'nightly',
      job: '/usr/local/bin/nightly',
      hour: '1',
      minute: '30',
      user: 'root',
      cron_file: file,
    };
    const before = snapshot(dir);
    expect(await run(cronModule, job, { check: true })).toMatchObject({ changed: true });
    expect(snapshot(dir)).toEqual(before);
    const first = await run(cronModule, job, { diff: true });
    expect(first).toMatchObject({ changed: true, jobs: ['nightly'], cron_file: file });
    expect(readFileSync(file, 'utf8')).toBe('#Ansible: nightly\n30 1 * * * root /usr/local/bin/nightly\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect((await run(cronModule, job)).changed).toBe(false);
    const removedCheck = await run(
      cronModule,
      { name: 'nightly', cron_file: file, state: 'absent' },
      { check: true },
    );
    expect(removedCheck.changed).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(await run(cronModule, { name: 'nightly', cron_file: file, state: 'absent' })).toMatchObject({
      changed: true,
      cron_file: file,
    });
    expect(existsSync(file)).toBe(false);
  });

  describe('with a user crontab', () => {
    let user: TestUser;
    beforeAll(() => {
      user = createTestUser('spcron');
    });
    afterAll(() => {
      execFileSync('sh', ['-c', `crontab -r -u ${user.name} 2>/dev/null; true`]);
      user.remove();
    });
    const crontab = () => {
      try {
        return execFileSync('crontab', ['-l', '-u', user.name], { encoding: 'utf8', stdio: 'pipe' });
      } catch {
        return '<none>';
      }
    };

    test('adds a job and a variable, keeps a backup, then reports no change and removes them', async () => {
      const job = { name: 'tick', job: 'date >> /tmp/tick', minute: '*/5', user: user.name };
      const first = await run(cronModule, { ...job, backup: true });
      expect(first).toMatchObject({ changed: true, jobs: ['tick'] });
      expect(readFileSync(first.backup_file as string, 'utf8')).toBe('');
      rmSync(first.backup_file as string);
      await run(cronModule, { name: 'MAILTO', env: true, job: '', user: user.name });
      expect(crontab()).toBe('MAILTO=""\n#Ansible: tick\n*/5 * * * * date >> /tmp/tick\n');
      expect((await run(cronModule, job)).changed).toBe(false);
      expect(await run(cronModule, { name: 'tick', state: 'absent', user: user.name })).toMatchObject({
        changed: true,
        jobs: [],
        envs: ['MAILTO'],
      });
      expect(crontab()).toBe('MAILTO=""\n');
    });
  });

  test('runs in a playbook twice: the second run changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cron-'));
    writeFileSync(join(dir, 'other'), '');
    const tasks = [
      '- cron:',
      '    name: cleanup',
      '    special_time: daily',
      '    job: find /tmp -mtime +7 -delete',
      '    user: root',
      '    cron_file: "{{ work }}/cleanup"',
    ].join('\n');
    expect((await playTasks(dir, tasks)).stats).toMatchObject({ changed: 1, failed: 0 });
    expect(readFileSync(join(dir, 'cleanup'), 'utf8')).toBe(
      '#Ansible: cleanup\n@daily root find /tmp -mtime +7 -delete\n',
    );
    expect((await playTasks(dir, tasks)).stats).toMatchObject({ changed: 0, failed: 0 });
  });
});
