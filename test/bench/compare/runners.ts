import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../runner/core/package-root.js';

/** Where Debian's ansible-mitogen package keeps its strategy plugins. */
export const MITOGEN_STRATEGIES = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';

/** What a runner is asked to run: a playbook (or nothing, for the floor) on the cell's hosts. */
export interface RunRequest {
  playbook: string | null;
  inventory: string;
  /** The hosts' ports as the runner reaches them (through the delay relay when there is one). */
  ports: number[];
  clientKey: string;
  knownHosts: string;
  forks: number;
  /** A fresh folder for this run (ansible's control sockets and temp files). */
  scratch: string;
}

/** One command to time: the runners differ only in how they turn a request into a command line. */
export interface RunCommand {
  argv: string[];
  env: Record<string, string>;
}

/** A runner of the comparison: Spindle, a peer, or the floor (the logins alone). */
export interface Runner {
  name: string;
  /** True for the floor: it runs no playbook, and its recap is not checked. */
  floor?: boolean;
  command(request: RunRequest): RunCommand;
}

const OPENSSH_OPTIONS = (request: RunRequest) => [
  '-F',
  '/dev/null',
  '-i',
  request.clientKey,
  '-o',
  `UserKnownHostsFile=${request.knownHosts}`,
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  'BatchMode=yes',
];

/** The floor: every host's OpenSSH login starting `node -e 0`, all in parallel; fails when any login fails. */
export const floorRunner: Runner = {
  name: 'floor',
  floor: true,
  command(request) {
    const ssh = ['ssh', ...OPENSSH_OPTIONS(request)].map((word) => `'${word}'`).join(' ');
    const script = [
      'pids=""',
      ...request.ports.map((port) => `${ssh} -p ${port} root@127.0.0.1 'node -e 0' & pids="$pids $!"`),
      'status=0',
      'for pid in $pids; do wait $pid || status=1; done',
      'exit $status',
    ].join('\n');
    return { argv: ['bash', '-c', script], env: {} };
  },
};

/** Spindle's `play`, as a user runs it (bin/play). */
export const playRunner: Runner = {
  name: 'play',
  command(request) {
    const bin = join(packageRoot(), 'bin', 'play');
    return {
      argv: [process.execPath, bin, request.playbook!, '-i', request.inventory, '-f', String(request.forks)],
      env: { NO_COLOR: '1' },
    };
  },
};

function ansibleEnv(request: RunRequest, extra: Record<string, string>): Record<string, string> {
  // An empty config file: no ansible.cfg of the machine or the current folder changes what is measured.
  const config = join(request.scratch, 'ansible.cfg');
  writeFileSync(config, '');
  return {
    ANSIBLE_CONFIG: config,
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(request.scratch, 'cp'),
    ANSIBLE_LOCAL_TEMP: join(request.scratch, 'tmp'),
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
    ...extra,
  };
}

function ansibleRunner(name: string, extra: Record<string, string>): Runner {
  return {
    name,
    command(request) {
      return {
        argv: [
          '/usr/bin/ansible-playbook',
          request.playbook!,
          '-i',
          request.inventory,
          '-f',
          String(request.forks),
        ],
        env: ansibleEnv(request, extra),
      };
    },
  };
}

/** ansible-playbook with its defaults (no pipelining), ansible-playbook with pipelining, and Ansible+Mitogen. */
export const peerRunners: Runner[] = [
  ansibleRunner('ansible', { ANSIBLE_PIPELINING: 'False' }),
  ansibleRunner('ansible_pipelining', { ANSIBLE_PIPELINING: 'True' }),
  ansibleRunner('mitogen', {
    ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGIES,
    ANSIBLE_STRATEGY: 'mitogen_linear',
  }),
];

/** The INI inventory every runner reads: the same hosts, user, key and strict known_hosts for all. */
export function inventoryText(request: Omit<RunRequest, 'inventory' | 'playbook' | 'scratch'>): string {
  return [
    '[bench]',
    ...request.ports.map(
      (port, i) => `host${String(i).padStart(2, '0')} ansible_host=127.0.0.1 ansible_port=${port}`,
    ),
    '',
    '[bench:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${request.clientKey}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${request.knownHosts} -o StrictHostKeyChecking=yes'`,
    'ansible_python_interpreter=/usr/bin/python3',
    `spindle_known_hosts_file=${request.knownHosts}`,
    '',
  ].join('\n');
}
