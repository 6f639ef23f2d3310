import { existsSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { runAll, runCommand } from './host/system-commands.js';

/** Options of Ansible's `service` that the native module does not implement, with their "not used" values. */
const UNSUPPORTED = { arguments: '', args: '', runlevel: 'default', use: 'auto', scope: 'system' } as const;
const args = withAliases(
  z
    .object({
      name: z.string().min(1).optional(),
      state: z.enum(['started', 'stopped', 'restarted', 'reloaded']).optional(),
      enabled: z.boolean().optional(),
      daemon_reload: z.boolean().default(false),
      daemon_reexec: z.boolean().default(false),
      masked: z.boolean().optional(),
      pattern: z.string().optional(),
      sleep: z.number().optional(),
      force: z.boolean().optional(),
      no_block: z.boolean().default(false),
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict()
    .refine(
      (a) =>
        a.name !== undefined || (a.state === undefined && a.enabled === undefined && a.masked === undefined),
      {
        message: '`name` is required when `state`, `enabled` or `masked` is given',
      },
    ),
  { service: 'name', unit: 'name', 'daemon-reload': 'daemon_reload', 'daemon-reexec': 'daemon_reexec' },
);

type Args = z.output<typeof args>;

/** The host's service manager and the service's state as it reports it. */
export interface ServiceState {
  manager: 'systemd' | 'sysv';
  running: boolean;
  enabled: boolean;
  /** systemd: the unit is masked (`systemctl is-enabled` says so). */
  masked?: boolean;
}

/** Which manager a host uses: systemd when it booted with it, else SysV init scripts (`service`). */
export function detectManager(): 'systemd' | 'sysv' {
  return existsSync('/run/systemd/system') ? 'systemd' : 'sysv';
}

/** The exact commands that bring a service from `state` to what `a` asks (tested as a plan for both managers). */
export function serviceCommands(a: Args, state: ServiceState): string[][] {
  const commands: string[][] = [];
  const sd = state.manager === 'systemd';
  if (sd && a.daemon_reexec) commands.push(['systemctl', 'daemon-reexec']);
  if (sd && a.daemon_reload) commands.push(['systemctl', 'daemon-reload']);
  if (a.name === undefined) return commands;
  const flags = sd ? [...(a.no_block ? ['--no-block'] : []), ...(a.force ? ['--force'] : [])] : [];
  // As Ansible's systemd: (un)mask first, so that a unit unmasked here can then be enabled and started.
  if (a.masked !== undefined && !sd)
    throw new ModuleFailure(`service: masked is a systemd setting, and this host does not run systemd`);
  if (a.masked !== undefined && a.masked !== (state.masked ?? false))
    commands.push(['systemctl', ...flags, a.masked ? 'mask' : 'unmask', a.name]);
  if (a.enabled !== undefined && a.enabled !== state.enabled) {
    commands.push(
      sd
        ? ['systemctl', ...flags, a.enabled ? 'enable' : 'disable', a.name]
        : ['update-rc.d', a.name, a.enabled ? 'defaults' : 'disable'],
    );
  }
  const action =
    a.state === 'started'
      ? state.running
        ? undefined
        : 'start'
      : a.state === 'stopped'
        ? state.running
          ? 'stop'
          : undefined
        : a.state === 'restarted'
          ? 'restart'
          : a.state === 'reloaded'
            ? state.running
              ? 'reload'
              : 'start'
            : undefined;
  if (action) commands.push(sd ? ['systemctl', ...flags, action, a.name] : ['service', a.name, action]);
  return commands;
}

/** `service` (and `systemd`): start, stop, restart, reload and enable services with systemd or SysV init. */
export const serviceModule = defineModule({
  name: 'service',
  aliases: ['systemd', 'systemd_service'],
  summary: 'Start, stop, restart, reload or enable a service (systemd, or SysV init scripts).',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED,
  args,
  async probe(a): Promise<ServiceState> {
    const manager = detectManager();
    if (a.name === undefined) return { manager, running: false, enabled: false };
    if (manager === 'systemd') {
      const enablement = runCommand(['systemctl', 'is-enabled', a.name]);
      return {
        manager,
        running: runCommand(['systemctl', 'is-active', '--quiet', a.name]).rc === 0,
        enabled: enablement.rc === 0,
        masked: enablement.stdout.trim().startsWith('masked'),
      };
    }
    if (!existsSync(`/etc/init.d/${a.name}`))
      throw new ModuleFailure(
        `service: could not find the requested service ${a.name}: no /etc/init.d/${a.name}`,
      );
    const status = runCommand(['service', a.name, 'status']);
    const enabled =
      existsSync('/etc/rc2.d') &&
      readdirSync('/etc/rc2.d').some((f) => f.startsWith('S') && f.replace(/^S\d\d/, '') === a.name);
    return { manager, running: status.rc === 0, enabled };
  },
  plan(a, state): Plan<string[]> {
    const commands = serviceCommands(a, state);
    if (commands.length === 0 && a.name === undefined) return { steps: [], reason: 'nothing to do' };
    if (commands.length === 0)
      return {
        steps: [],
        reason: `${a.name} is already ${state.running ? 'running' : 'stopped'}${a.enabled !== undefined ? ` and ${state.enabled ? 'enabled' : 'disabled'}` : ''}`,
      };
    return { steps: commands, reason: commands.map((c) => c.join(' ')).join('; ') };
  },
  async apply(a, _state, plan) {
    const { failure } = runAll('service', plan.steps);
    if (failure) throw new ModuleFailure(failure);
    // Like Ansible's systemd, reloading or re-executing the manager alone is not a change.
    const changed = plan.steps.some((c) => c[1] !== 'daemon-reload' && c[1] !== 'daemon-reexec');
    return { changed, name: a.name, state: a.state, enabled: a.enabled };
  },
  report: (a, state) => ({
    ...(a.name !== undefined ? { name: a.name } : {}),
    state: state.running ? 'started' : 'stopped',
    enabled: state.enabled,
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(serviceModule);
