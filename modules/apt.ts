import { statSync } from 'node:fs';
import { z } from 'zod';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { runAll, runCommand } from './host/system-commands.js';

const names = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())).filter(Boolean));
const args = z
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
  })
  .strict();

type Args = z.infer<typeof args>;
/** What apt found: installed versions and the cache age. */
export interface State {
  installed: Record<string, string>;
  upgradable: string[];
  cacheAgeS: number;
  debPackage?: string;
}

const NONINTERACTIVE = { DEBIAN_FRONTEND: 'noninteractive' };

function wanted(a: Args): string[] {
  return [...(a.name ?? []), ...(a.pkg ?? [])].map((n) => n.replace(/=.*$/, ''));
}

/** The exact commands for a plan: `apt-get update`, install, upgrade, remove, `dpkg -i` (tested as a plan). */
export function aptCommands(a: Args, state: State): string[][] {
  const commands: string[][] = [];
  const recommends = a.install_recommends === false ? ['--no-install-recommends'] : [];
  if (a.update_cache && (a.cache_valid_time === 0 || state.cacheAgeS > a.cache_valid_time))
    commands.push(['apt-get', 'update', '-q']);
  const names = [...(a.name ?? []), ...(a.pkg ?? [])];
  if (a.deb) {
    if (!state.debPackage || !(state.debPackage in state.installed)) commands.push(['dpkg', '-i', a.deb]);
    return commands;
  }
  if (a.state === 'absent' || a.state === 'removed') {
    const remove = names.filter((n) => n.replace(/=.*$/, '') in state.installed);
    if (remove.length > 0) commands.push(['apt-get', a.purge ? 'purge' : 'remove', '-y', '-q', ...remove]);
  } else {
    const missing = names.filter((n) => !(n.replace(/=.*$/, '') in state.installed));
    if (missing.length > 0) commands.push(['apt-get', 'install', '-y', '-q', ...recommends, ...missing]);
    if (a.state === 'latest') {
      const upgrade = names.filter((n) => state.upgradable.includes(n) && n in state.installed);
      if (upgrade.length > 0) commands.push(['apt-get', 'install', '-y', '-q', '--only-upgrade', ...upgrade]);
    }
  }
  if (a.autoremove) commands.push(['apt-get', 'autoremove', '-y', '-q']);
  return commands;
}

/** `apt` (and `package` on Debian-family hosts): install, upgrade or remove packages with apt/dpkg. */
export const aptModule = defineModule({
  name: 'apt',
  aliases: ['package'],
  summary:
    'Install, upgrade or remove Debian packages (apt-get, dpkg), with update_cache and cache_valid_time.',
  runsOn: 'remote',
  idempotent: true,
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
    if (a.deb) {
      const field = runCommand(['dpkg-deb', '-f', a.deb, 'Package']);
      if (field.rc !== 0) throw new ModuleFailure(`apt: cannot read ${a.deb}: ${field.stderr}`);
      debPackage = field.stdout.trim();
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
        cacheAgeS = (Date.now() - statSync('/var/cache/apt/pkgcache.bin').mtimeMs) / 1000;
      } catch {}
    }
    return { installed, upgradable, cacheAgeS, debPackage };
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
      reason: onlyUpdate ? 'cache updated' : commands.map((c) => c.join(' ')).join('; '),
    };
  },
  async apply(a, _state, plan) {
    const { outcomes, failure } = runAll('apt', plan.steps, NONINTERACTIVE);
    if (failure)
      throw new ModuleFailure(failure, { stdout: outcomes.at(-1)?.stdout, stderr: outcomes.at(-1)?.stderr });
    const onlyUpdate = plan.steps.every((c) => c[1] === 'update');
    return {
      changed: !onlyUpdate || a.update_cache,
      cache_updated: plan.steps.some((c) => c[1] === 'update'),
      stdout: outcomes.map((o) => o.stdout).join('\n'),
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(aptModule);
