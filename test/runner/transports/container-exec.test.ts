import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { containerExecArgv, containerMethod, splitWords } from '../../../runner/transports/container-exec.js';
import { nodeChoice } from '../../../runner/transports/node-upload.js';
import { barePath } from '../../e2e/support/bare-path.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

describe('container exec argv', () => {
  test('docker puts extra args before exec, the user as -u, and ends in /bin/sh -c', () => {
    expect(
      containerExecArgv('docker', { name: 'web', user: 'app', extraArgs: '-H tcp://10.0.0.5:2376 --tls' }),
    ).toEqual([
      'docker',
      '-H',
      'tcp://10.0.0.5:2376',
      '--tls',
      'exec',
      '-u',
      'app',
      '-i',
      'web',
      '/bin/sh',
      '-c',
    ]);
    expect(containerExecArgv('docker', { name: 'db' })).toEqual([
      'docker',
      'exec',
      '-i',
      'db',
      '/bin/sh',
      '-c',
    ]);
  });

  test('podman honours its executable, extra args and user', () => {
    expect(
      containerExecArgv('podman', {
        name: 'api',
        user: 'root',
        executable: '/opt/podman/bin/podman',
        extraArgs: '--remote',
      }),
    ).toEqual(['/opt/podman/bin/podman', '--remote', 'exec', '-u', 'root', '-i', 'api', '/bin/sh', '-c']);
  });

  test('kubectl puts kubeconfig, context and namespace first, the container after the pod, then --', () => {
    expect(
      containerExecArgv('kubectl', {
        name: 'web-7d9f',
        namespace: 'shop',
        container: 'app',
        context: 'prod',
        kubeconfig: '/etc/kube/config',
        extraArgs: '--request-timeout=5s',
      }),
    ).toEqual([
      'kubectl',
      '--kubeconfig',
      '/etc/kube/config',
      '--context',
      'prod',
      '-n',
      'shop',
      '--request-timeout=5s',
      'exec',
      '-i',
      'web-7d9f',
      '-c',
      'app',
      '--',
      '/bin/sh',
      '-c',
    ]);
    expect(containerExecArgv('kubectl', { name: 'p' })).toEqual([
      'kubectl',
      'exec',
      '-i',
      'p',
      '--',
      '/bin/sh',
      '-c',
    ]);
  });

  test('extra args are split like a shell splits words, quotes and backslashes included', () => {
    expect(splitWords(`  --label 'a b' --env "X=\\"q\\"" c\\ d ''  `)).toEqual([
      '--label',
      'a b',
      '--env',
      'X="q"',
      'c d',
      '',
    ]);
    expect(() => splitWords(`--label 'open`)).toThrow(/unterminated ' quote/);
  });

  test('an unterminated quote in extra args is a spawn-phase error naming host and variable', () => {
    const error = (() => {
      try {
        containerMethod('docker', { name: 'web', extraArgs: '"x' }, 'web1');
      } catch (e) {
        return e as ConnectError;
      }
    })();
    expect(error).toBeInstanceOf(ConnectError);
    expect(error?.phase).toBe('spawn');
    expect(error?.message).toMatch(/^web1: ansible_docker_extra_args: unterminated " quote/);
  });
});

/**
 * Real runs through stand-in `docker`, `podman` and `kubectl` programs (there is no container engine here):
 * each logs the words before `/bin/sh`, drops them, and runs `/bin/sh -c LINE` on this machine, optionally with
 * the PATH and HOME of a target without node.
 */
describe('container methods through stand-in clients', () => {
  let dir: string;
  let log: string;
  let master: Master;
  const savedPath = process.env.PATH;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-container-'));
    log = join(dir, 'exec.log');
    const bin = join(dir, 'clients');
    mkdirSync(bin);
    const script = [
      '#!/bin/sh',
      `printf '%s' "\${0##*/}" >>${log}`,
      `while [ $# -gt 0 ] && [ "$1" != /bin/sh ]; do printf ' %s' "$1" >>${log}; shift; done`,
      `echo >>${log}`,
      'if [ -n "$FAKE_CONTAINER_PATH" ]; then export PATH="$FAKE_CONTAINER_PATH" HOME="$FAKE_CONTAINER_HOME"; fi',
      'exec "$@"',
      '',
    ].join('\n');
    for (const tool of ['docker', 'podman', 'kubectl'])
      writeFileSync(join(bin, tool), script, { mode: 0o755 });
    process.env.PATH = `${bin}:${savedPath}`;
  });

  afterEach(async () => {
    await master?.shutdown();
    rmSync(log, { force: true });
    delete process.env.FAKE_CONTAINER_PATH;
    delete process.env.FAKE_CONTAINER_HOME;
  });

  afterAll(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  const execLog = () => readFileSync(log, 'utf8').trim().split('\n');

  test('each method boots a context through its client and answers calls', async () => {
    master = await createMaster();
    const docker = await master.connect(containerMethod('docker', { name: 'web', user: 'app' }, 'web'));
    const podman = await master.connect(
      containerMethod('podman', { name: 'api', extraArgs: '--remote' }, 'api'),
    );
    const kubectl = await master.connect(
      containerMethod('kubectl', { name: 'pod-1', namespace: 'shop', container: 'app' }, 'pod-1'),
    );
    expect(await docker.call(basic('add'), 1, 2)).toBe(3);
    expect(await podman.call(basic('add'), 3, 4)).toBe(7);
    expect(await kubectl.call(basic('add'), 5, 6)).toBe(11);
    expect(execLog()).toEqual([
      'docker exec -u app -i web',
      'podman --remote exec -i api',
      'kubectl -n shop exec -i pod-1 -c app --',
    ]);
  });

  test('a container without node gets the controller node through docker exec', async () => {
    master = await createMaster();
    const home = join(dir, 'container-home');
    mkdirSync(home);
    process.env.FAKE_CONTAINER_PATH = barePath(dir);
    process.env.FAKE_CONTAINER_HOME = home;
    const ctx = await master.connect({
      ...containerMethod('docker', { name: 'bare' }, 'bare'),
      ...nodeChoice(undefined),
    });
    expect(await ctx.call(basic('add'), 20, 22)).toBe(42);
    // The boot without node, the upload helper, the boot with the uploaded binary: three execs.
    expect(execLog()).toEqual(Array(3).fill('docker exec -i bare'));
    const pid = (await ctx.call(basic('pid'))) as number;
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).toContain(`HOME=${home}`);
  });

  test('a playbook runs on hosts whose ansible_connection names the collections spellings', async () => {
    const builder = new InventoryBuilder();
    builder.addHost('web', 'ungrouped', {
      ansible_connection: 'community.docker.docker',
      ansible_user: 'www',
    });
    builder.addHost('api', 'ungrouped', {
      ansible_connection: 'containers.podman.podman',
      ansible_host: 'api-container',
    });
    builder.addHost('shop', 'ungrouped', {
      ansible_connection: 'kubernetes.core.kubectl',
      ansible_kubectl_pod: 'shop-0',
      ansible_kubectl_namespace: 'prod',
    });
    const inventory = builder.build();
    const playbook = join(dir, 'containers.yml');
    writeFileSync(
      playbook,
      [
        '- hosts: all',
        '  gather_facts: false',
        '  tasks:',
        '    - name: say who runs it',
        '      command: echo "hello from {{ inventory_hostname }}"',
        '      register: said',
        '    - name: write it down',
        '      copy:',
        '        content: "{{ said.stdout }}\\n"',
        `        dest: "${dir}/{{ inventory_hostname }}.txt"`,
        '',
      ].join('\n'),
    );
    const { graph, issues } = compilePlaybook(playbook, { inventory });
    expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
    const events: RunEvent[] = [];
    const outcome = await runPlaybook({
      graph,
      inventory,
      extraVars: {},
      check: false,
      diff: false,
      verbosity: 0,
      emit: (e) => events.push(e),
    });
    expect(outcome.exitCode).toBe(0);
    for (const host of ['web', 'api', 'shop'])
      expect(readFileSync(join(dir, `${host}.txt`), 'utf8')).toBe(`hello from ${host}\n`);
    expect(execLog().sort()).toEqual([
      'docker exec -u www -i web',
      'kubectl -n prod exec -i shop-0 --',
      'podman exec -i api-container',
    ]);
  });
});
