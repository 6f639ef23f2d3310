import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, type Inventory, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'run');
let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

function localInventory(...names: string[]): Inventory {
  const builder = new InventoryBuilder();
  for (const name of names) builder.addHost(name, 'ungrouped', { ansible_connection: 'local' });
  return builder.build();
}

async function play(
  file: string,
  inventory: Inventory,
  options: { check?: boolean; startAtTask?: string } = {},
) {
  const { graph, issues } = compilePlaybook(join(fixtures, file), { inventory });
  expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work },
    check: options.check ?? false,
    startAtTask: options.startAtTask,
    diff: false,
    verbosity: 0,
    emit: (e) => events.push(e),
  });
  return { ...outcome, events };
}

describe('running playbooks on real local contexts', () => {
  test("loops, handlers, skips, ignored failures and rescued blocks produce Ansible's recap", async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats, events } = await play('semantics.yml', localInventory('alpha', 'beta'));
    expect(exitCode).toBe(0);
    // As ansible-playbook counts it: an ignored failed command is ok + ignored + changed; a rescued failure is not a failure.
    expect(stats.alpha).toEqual({
      ok: 7,
      changed: 7,
      unreachable: 0,
      failed: 0,
      skipped: 1,
      rescued: 1,
      ignored: 1,
    });
    expect(readFileSync(join(work, 'alpha', 'handler.log'), 'utf8')).toBe('restarted\n');
    expect(existsSync(join(work, 'alpha', 'never.log'))).toBe(false);
    expect(readFileSync(join(work, 'beta', 'rescued.txt'), 'utf8')).toBe('fails inside the block\n');
    expect(existsSync(join(work, 'beta', 'always'))).toBe(true);
    expect(existsSync(join(work, 'beta', 'unreachable-step'))).toBe(false);
    // The rescued failure is reported as `rescued`, so the live view and JUnit do not count it as a failure.
    const blockFailure = events.find(
      (e) => e.kind === 'task:result' && e.host === 'beta' && e.task === 'fails inside the block',
    );
    expect(blockFailure).toMatchObject({ status: 'rescued', msg: 'non-zero return code' });
    expect(events.some((e) => e.kind === 'task:result' && e.status === 'failed')).toBe(false);
    const items = events.filter((e) => e.kind === 'task:result' && e.host === 'alpha' && e.item);
    expect(items.map((e) => (e as { item: { label: string } }).item.label)).toEqual(['a', 'b', 'c']);
  });

  test('a second run changes only what always changes: touches, commands and the handler they notify', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    await play('semantics.yml', localInventory('alpha'));
    const { stats } = await play('semantics.yml', localInventory('alpha'));
    // Only what always changes: touch (and the handler it notifies), the ignored command, the always-touch.
    expect(stats.alpha.changed).toBe(4);
    expect(stats.alpha.ok).toBe(7);
  });

  test('a failed host stops, the others go on, and the run exits 2', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats } = await play('fails.yml', localInventory('one', 'two'));
    expect(exitCode).toBe(2);
    expect(stats.one.failed).toBe(1);
    expect(existsSync(join(work, 'one.done'))).toBe(false);
    expect(existsSync(join(work, 'two.done'))).toBe(true);
  });

  test('a host whose context dies mid-play becomes unreachable, the others finish, and the run exits 4', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats, events } = await play('dies.yml', localInventory('one', 'two'));
    expect(exitCode).toBe(4);
    expect(stats.one.unreachable).toBe(1);
    expect(existsSync(join(work, 'two.done'))).toBe(true);
    expect(events.some((e) => e.kind === 'host:unreachable' && e.host === 'one')).toBe(true);
  });

  test('with ignore_unreachable a lost host is counted as ignored, reconnects for its next task, and the run exits 0', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats, events } = await play('ignore-unreachable.yml', localInventory('one'));
    expect(exitCode).toBe(0);
    expect(stats.one).toMatchObject({ ok: 2, changed: 1, ignored: 1, unreachable: 0, failed: 0 });
    expect(existsSync(join(work, 'one.done'))).toBe(true);
    expect(events.some((e) => e.kind === 'host:unreachable')).toBe(false);
  });

  test('--start-at-task passes over the tasks before the first name that matches, and warns when none does', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const ran = (events: RunEvent[]) =>
      events.filter((e) => e.kind === 'task:start').map((e) => (e as { task: string }).task);
    const started = await play('start-at.yml', localInventory('one'), { startAtTask: 'second*' });
    expect(ran(started.events)).toEqual(['second task', 'third task']);
    expect(started.stats.one).toMatchObject({ ok: 2, changed: 2 });
    expect(existsSync(join(work, 'first'))).toBe(false);
    expect(existsSync(join(work, 'third'))).toBe(true);
    const none = await play('start-at.yml', localInventory('one'), { startAtTask: 'no such task' });
    expect(ran(none.events)).toEqual([]);
    const warning = none.events.find((e) => e.kind === 'warning') as { msg: string };
    expect(warning.msg).toContain('--start-at-task: no task matched "no such task"');
  });

  test('roles take their entry vars (public to the play), include_role and import_role bring defaults, vars and handlers, and looped includes run per item', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats, events } = await play('roles.yml', localInventory('one', 'two'));
    expect(exitCode).toBe(0);
    const read = (name: string) => readFileSync(join(work, name), 'utf8');
    for (const host of ['one', 'two']) {
      expect(read(`${host}.main`)).toBe('demo 8081\n');
      // As in Ansible, the vars of listed and imported roles are public: the include_role sees the import's
      // `extra_file: imported` and `app_port: 9090`, and writes the imported file too.
      expect(existsSync(join(work, `${host}.included`))).toBe(false);
      expect(read(`${host}.imported`)).toBe('demo 9090\n');
      expect(read(`${host}.greeting`)).toBe('from defaults\n');
      expect(existsSync(join(work, `${host}.a`)) && existsSync(join(work, `${host}.b`))).toBe(true);
      // Notified three times, the handler runs once at the end of the play.
      expect(read(`${host}.handler`)).toBe('run\n');
    }
    // The import_role rewrites the file the include_role wrote: unchanged. (Ansible counts 7: it adds the
    // role's handlers again at the include_role and runs both copies; Spindle keeps one per name.)
    expect(stats.one).toMatchObject({ failed: 0, changed: 6 });
    // Both hosts run each item's included task together: one task:start per item, not per host.
    const starts = events.filter(
      (e) => e.kind === 'task:start' && (e as { task: string }).task === 'touch the item file',
    );
    expect(starts).toHaveLength(2);
  });

  test('until retries a task (templated retries) and fails it once the attempts run out', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { stats } = await play('until.yml', localInventory('one'));
    expect(readFileSync(join(work, 'count'), 'utf8')).toBe('x\nx\nx\n');
    // retries: 2 means three attempts, as in Ansible.
    expect(readFileSync(join(work, 'never'), 'utf8')).toBe('y\ny\ny\n');
    expect(stats.one).toMatchObject({ failed: 0, ignored: 1 });
  });

  test('check mode reports what would change and touches nothing', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { stats } = await play('fails.yml', localInventory('two'), { check: true });
    expect(stats.two.changed).toBe(1);
    expect(existsSync(join(work, 'two.done'))).toBe(false);
  });

  test('the example playbook runs, streams live output, and is idempotent', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const inventory = localInventory('localhost');
    const { graph } = compilePlaybook(join(import.meta.dirname, '..', '..', '..', 'playbooks', 'hello.yml'), {
      inventory,
    });
    const events: RunEvent[] = [];
    const run = () =>
      runPlaybook({
        graph,
        inventory,
        extraVars: { work },
        check: false,
        diff: false,
        verbosity: 0,
        emit: (e) => events.push(e),
      });
    expect((await run()).exitCode).toBe(0);
    const lines = events.filter((e) => e.kind === 'host:output').map((e) => (e as { line: string }).line);
    expect(lines).toContain('step 3');
    const second = await run();
    expect(second.exitCode).toBe(0);
    expect(second.stats.localhost.changed).toBe(0);
  });
});

describe('controller modules in a play', () => {
  test('include_vars, assert, pause and fail behave like Ansible', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const { exitCode, stats, events } = await play('controller.yml', localInventory('runner', 'stopper'));
    expect(exitCode).toBe(2);
    expect(stats.stopper).toMatchObject({ ok: 3, failed: 1 });
    expect(stats.runner).toMatchObject({ ok: 3, failed: 1, skipped: 1 });
    const messages = events
      .filter((e) => e.kind === 'task:result')
      .map((e) => `${(e as { host: string }).host}: ${(e as { msg?: string }).msg}`);
    expect(messages).toContain('runner: app demo on 8080');
    expect(messages).toContain('stopper: stopping stopper');
    expect(messages).toContain('runner: port is 8080');
  });
});

describe('modules that are not built in', () => {
  test('a playbook ships its own module from its modules/ folder, idempotently', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const inventory = localInventory('localhost');
    const { graph, issues } = compilePlaybook(
      join(import.meta.dirname, '..', '..', '..', 'playbooks', 'custom-module', 'site.yml'),
      { inventory },
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const run = () =>
      runPlaybook({
        graph,
        inventory,
        extraVars: { work },
        check: false,
        diff: false,
        verbosity: 0,
        emit: () => {},
      });
    // -e work=… (extra vars) overrides the play's own `work`, and that directory already exists.
    expect((await run()).stats.localhost).toMatchObject({ changed: 1, failed: 0 });
    expect(readFileSync(join(work, 'motd'), 'utf8')).toBe('*** Welcome to localhost ***\n');
    expect((await run()).stats.localhost).toMatchObject({ changed: 0, failed: 0 });
  });
});

describe('file transfer modules in a play', () => {
  test('copy of a directory, unarchive and git run end to end, then change nothing', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const big = randomBytes(300 * 1024); // above the inline limit even compressed: streamed through the file service
    mkdirSync(join(work, 'site', 'css'), { recursive: true });
    writeFileSync(join(work, 'site', 'index.html'), '<h1>hi</h1>\n');
    writeFileSync(join(work, 'site', 'css', 'big.css'), big);
    mkdirSync(join(work, 'bundle'));
    writeFileSync(join(work, 'bundle', 'big.bin'), big);
    execFileSync('tar', ['-czf', 'bundle.tgz', 'bundle'], { cwd: work });
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    };
    const origin = join(work, 'origin');
    execFileSync('git', ['init', '-q', '-b', 'main', origin], { env });
    writeFileSync(join(origin, 'README'), 'v1\n');
    for (const argv of [
      ['add', 'README'],
      ['commit', '-qm', 'one'],
      ['tag', 'v1'],
    ])
      execFileSync('git', argv, { cwd: origin, env });
    const inventory = localInventory('alpha');
    const out = join(work, 'out', 'alpha');
    mkdirSync(out, { recursive: true }); // unarchive needs an existing dest, in check mode too
    const checked = await play('archive.yml', inventory, { check: true });
    const failures = checked.events.filter((e) => e.kind === 'task:result' && e.status === 'failed');
    expect(failures).toEqual([]);
    expect(checked.stats.alpha).toMatchObject({ changed: 3 });
    expect(readdirSync(out)).toEqual([]);
    const first = await play('archive.yml', inventory);
    expect(first.stats.alpha).toMatchObject({ ok: 4, changed: 3, failed: 0 });
    expect(readFileSync(join(out, 'site', 'css', 'big.css')).equals(big)).toBe(true);
    expect(readFileSync(join(out, 'bundle', 'big.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(out, 'checkout', 'README'), 'utf8')).toBe('v1\n');
    const second = await play('archive.yml', inventory);
    expect(second.stats.alpha).toMatchObject({ ok: 4, changed: 0, failed: 0 });
  });
});

describe('TypeScript playbooks', () => {
  test('a typed playbook compiles through the same checks as YAML and runs', async () => {
    const { loadPlaybook } = await import('../../../runner/play/load-playbook.js');
    work = mkdtempSync(join(tmpdir(), 'spindle-play-'));
    const inventory = localInventory('localhost');
    const { graph, issues } = await loadPlaybook(
      join(import.meta.dirname, '..', '..', '..', 'playbooks', 'typed.ts'),
      { inventory },
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(graph.plays[0].sections[2].nodes.map((n) => (n.kind === 'task' ? n.module : n.kind))).toEqual([
      'file',
      'copy',
      'shell',
      'assert',
    ]);
    const outcome = await runPlaybook({
      graph,
      inventory,
      extraVars: {},
      check: false,
      diff: false,
      verbosity: 0,
      emit: () => {},
    });
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync('/tmp/spindle-typed/shop.conf', 'utf8')).toBe('site=shop\n# managed by spindle\n');
    rmSync('/tmp/spindle-typed', { recursive: true, force: true });
  });

  test('mistakes in a typed playbook are reported like YAML ones', async () => {
    const { loadPlaybook } = await import('../../../runner/play/load-playbook.js');
    const { graph, issues } = await loadPlaybook(join(fixtures, 'bad-typed.ts'), {
      inventory: localInventory('localhost'),
    });
    expect(graph.plays).toHaveLength(1);
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`)).toEqual([
      '[0].tasks[0].file.state: Expected `state` to be one of "file", "directory", "touch", "absent", "link", "hard", got "folder" (string)',
    ]);
  });
});
