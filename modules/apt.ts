import { statSync } from 'node:fs';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { runAll, runCommand } from './host/system-commands.js';

const names = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())).filter(Boolean));
const UNSUPPORTED = {
  upgrade: 'no',
  policy_rc_d: null,
  update_cache_retries: 5,
  update_cache_retry_max_delay: 12,
  use: 'auto',
} as const;
const args = withAliases(
  z
    .object({
      name: names.optional(),
      pkg: names.optional(),
      state: z.enum(['present', 'installed', 'latest', 'absent', 'removed']).default('present'),
      update_cache: z.boolean().default(false),
      cache_valid_time: z.number().int().min(0).default(0),
      deb: z.string().optional(),
      purge: z.boolean().default(false),
      install_recommends: z.boolean().optional(),
      autoremove: z.boolean().default(false),
      autoclean: z.boolean().default(false),
      clean: z.boolean().default(false),
      allow_downgrade: z.boolean().default(false),
      allow_unauthenticated: z.boolean().default(false),
      allow_change_held_packages: z.boolean().default(false),
      default_release: z.string().optional(),
      dpkg_options: z.string().default('force-confdef,force-confold'),
      force: z.boolean().default(false),
      force_apt_get: z.boolean().default(false),
      fail_on_autoremove: z.boolean().default(false),
      only_upgrade: z.boolean().default(false),
      lock_timeout: z.number().int().default(60),
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict(),
  {
    package: 'name',
    'update-cache': 'update_cache',
    'install-recommends': 'install_recommends',
    'allow-downgrade': 'allow_downgrade',
    allow_downgrades: 'allow_downgrade',
    'allow-downgrades': 'allow_downgrade',
    'allow-unauthenticated': 'allow_unauthenticated',
    'default-release': 'default_release',
  },
);

type Args = z.output<typeof args>;
/** What apt found: installed versions and the cache age. */
export interface State {
  installed: Record<string, string>;
  upgradable: string[];
  cacheAgeS: number;
  debPackage?: string;
  debVersion?: string;
}

const NONINTERACTIVE = { DEBIAN_FRONTEND: 'noninteractive' };

function wanted(a: Args): string[] {
  return [...(a.name ?? []), ...(a.pkg ?? [])].map((n) => n.replace(/=.*$/, ''));
}

/** The exact commands for a plan: `apt-get update`, install, upgrade, remove, `dpkg -i` (tested as a plan). */
export function aptCommands(a: Args, state: State): string[][] {
  const commands: string[][] = [];
  const recommends =
    a.install_recommends === false
      ? ['--no-install-recommends']
      : a.install_recommends === true
        ? ['--install-recommends']
        : [];
  if (a.update_cache && (a.cache_valid_time === 0 || state.cacheAgeS > a.cache_valid_time))
    commands.push(['apt-get', 'update', '-q']);
  const names = [...(a.name ?? []), ...(a.pkg ?? [])];
  const options = installOptions(a);
  if (a.deb) {
    const installed = state.debPackage ? state.installed[state.debPackage] : undefined;
    if (installed === undefined || installed !== state.debVersion || a.force) {
      const dpkg = a.dpkg_options
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
        .map((o) => `--${o}`);
      commands.push(['dpkg', ...dpkg, '-i', a.deb]);
    }
    return commands;
  }
  if (a.state === 'absent' || a.state === 'removed') {
    const remove = names.filter((n) => n.replace(/=.*$/, '') in state.installed);
    if (remove.length > 0)
      commands.push(['apt-get', a.purge ? 'purge' : 'remove', '-y', '-q', ...options, ...remove]);
  } else {
    const missing = names.filter((n) => {
      const [base, version] = n.split('=');
      return (
        !(base in state.installed) ||
        (version !== undefined && !state.installed[base].startsWith(version.replace(/\*$/, '')))
      );
    });
    if (missing.length > 0 && !a.only_upgrade)
      commands.push(['apt-get', 'install', '-y', '-q', ...options, ...recommends, ...missing]);
    if (a.state === 'latest') {
      const upgrade = names.filter((n) => state.upgradable.includes(n) && n in state.installed);
      if (upgrade.length > 0)
        commands.push(['apt-get', 'install', '-y', '-q', ...options, '--only-upgrade', ...upgrade]);
    }
  }
  if (a.autoremove) commands.push(['apt-get', 'autoremove', '-y', '-q', ...dpkgOptions(a)]);
  if (a.autoclean) commands.push(['apt-get', 'autoclean', '-y', '-q']);
  if (a.clean) commands.push(['apt-get', 'clean']);
  return commands;
}

/** apt-get options of an install/remove, as Ansible passes them: dpkg options, release, downgrades, locks. */
function installOptions(a: Args): string[] {
  const out = dpkgOptions(a);
  if (a.default_release) out.push('-t', a.default_release);
  if (a.allow_downgrade) out.push('--allow-downgrades');
  if (a.allow_unauthenticated || a.force) out.push('--allow-unauthenticated');
  if (a.allow_change_held_packages) out.push('--allow-change-held-packages');
  if (a.force) out.push('--force-yes');
  if (a.fail_on_autoremove) out.push('--no-remove');
  return out;
}

/** Ansible's default `dpkg_options` (force-confdef,force-confold) as apt-get `-o` options, plus the lock wait. */
function dpkgOptions(a: Args): string[] {
  const out = a.dpkg_options
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .flatMap((o) => ['-o', `Dpkg::Options::=--${o}`]);
  out.push('-o', `DPkg::Lock::Timeout=${a.lock_timeout}`);
  return out;
}

/** `apt` (and `package` on Debian-family hosts): install, upgrade or remove packages with apt/dpkg. */
export const aptModule = defineModule({
  name: 'apt',
  aliases: ['package'],
  summary:
    'Install, upgrade or remove Debian packages (apt-get, dpkg), with update_cache and cache_valid_time.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED,
  args,
  async probe(a): Promise<State> {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a JS template
    const query = runCommand(['dpkg-query', '-W', '-f', '${Package}\t${Status}\t${Version}\n']);
    if (query.rc === 127)
      throw new ModuleFailure('apt: dpkg-query is not available on this host (not a Debian-family system)');
    const installed: Record<string, string> = {};
    for (const line of query.stdout.split('\n')) {
      const [name, status, version] = line.split('\t');
      if (status?.endsWith(' installed')) installed[name] = version;
    }
    let debPackage: string | undefined;
    let debVersion: string | undefined;
    if (a.deb) {
      const field = runCommand(['dpkg-deb', '-f', a.deb, 'Package', 'Version']);
      if (field.rc !== 0) throw new ModuleFailure(`apt: cannot read ${a.deb}: ${field.stderr}`);
      const fields = Object.fromEntries(
        field.stdout.split('\n').map((l) => [l.split(':')[0], l.slice(l.indexOf(':') + 1).trim()]),
      );
      debPackage = fields.Package;
      debVersion = fields.Version;
    }
    const upgradable =
      a.state === 'latest'
        ? runCommand(['apt-get', '-s', 'upgrade'])
            .stdout.split('\n')
            .filter((l) => l.startsWith('Inst '))
            .map((l) => l.split(' ')[1])
        : [];
    let cacheAgeS = Number.POSITIVE_INFINITY;
    try {
      cacheAgeS = (Date.now() - statSync('/var/lib/apt/periodic/update-success-stamp').mtimeMs) / 1000;
    } catch {
      try {
        cacheAgeS = (Date.now() - statSync('/var/lib/apt/lists').mtimeMs) / 1000;
      } catch {}
    }
    return { installed, upgradable, cacheAgeS, debPackage, debVersion };
  },
  plan(a, state): Plan<string[]> {
    const commands = aptCommands(a, state);
    const onlyUpdate = commands.length === 1 && commands[0][1] === 'update';
    if (commands.length === 0)
      return {
        steps: [],
        reason: `${wanted(a).join(', ') || a.deb} already ${a.state === 'absent' || a.state === 'removed' ? 'absent' : 'installed'}`,
      };
    return {
      steps: commands,
      reason: onlyUpdate
        ? `the package cache is older than cache_valid_time (${a.cache_valid_time}s): apt-get update`
        : commands.map((c) => c.join(' ')).join('; '),
    };
  },
  async apply(a, _state, plan) {
    const { outcomes, failure } = runAll('apt', plan.steps, NONINTERACTIVE);
    if (failure)
      throw new ModuleFailure(failure, { stdout: outcomes.at(-1)?.stdout, stderr: outcomes.at(-1)?.stderr });
    const onlyUpdate = plan.steps.every((c) => c[1] === 'update');
    return {
      ...(onlyUpdate ? { msg: 'cache updated' } : {}),
      changed: !onlyUpdate || a.update_cache,
      cache_updated: plan.steps.some((c) => c[1] === 'update'),
      stdout: outcomes.map((o) => o.stdout).join('\n'),
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(aptModule);
