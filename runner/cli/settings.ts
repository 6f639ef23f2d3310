import { dirname, resolve } from 'node:path';
import type { HashBehaviour } from '../../dsl/vars/combine.js';
import { parseBoolean } from '../../modules/ansible-boolean.js';
import type { Gathering } from '../play/run-options.js';
import type { ReporterName } from '../report/select-reporter.js';
import type { AnsibleConfig } from './ansible-config.js';
import { describeOptionValue, OptionError } from './cli-errors.js';
import type { RawOptions } from './parse-args.js';

/** Everything a run needs from the command line, the environment and ansible.cfg, already validated. */
export interface Settings {
  inventory: string[];
  limit?: string;
  extraVars: string[];
  tags: string[];
  skipTags: string[];
  check: boolean;
  diff: boolean;
  /** Hosts worked on at once; unset: all of them, bounded by the file-descriptor limit (runner/play/default-forks.ts). */
  forks?: number;
  startAtTask?: string;
  remoteUser?: string;
  connection?: string;
  hostKeyChecking: boolean;
  rolesPath: string[];
  connectTimeoutMs: number;
  /** `allowSameUser`: ANSIBLE_BECOME_ALLOW_SAME_USER / `[privilege_escalation] become_allow_same_user`. */
  become: {
    enabled: boolean;
    method: 'sudo' | 'su' | 'doas';
    user: string;
    askPass: boolean;
    allowSameUser: boolean;
    /** ANSIBLE_BECOME_FLAGS / `[privilege_escalation] become_flags`: sudo's flags (default `-H -S -n`). */
    flags?: string;
  };
  verbosity: number;
  reporter?: ReporterName;
  junit?: string;
  /** `--report FILE.html`: the HTML run report's path. */
  report?: string;
  exitCodeOnChange: boolean;
  /** ANSIBLE_GATHERING / ansible.cfg `[defaults] gathering`: when plays gather facts (runner/play/fact-gathering.ts). */
  gathering: Gathering;
  /** `--force-handlers` / ANSIBLE_FORCE_HANDLERS / `[defaults] force_handlers`: handlers run on failed hosts too. */
  forceHandlers: boolean;
  /** ANSIBLE_ERROR_ON_MISSING_HANDLER / `[defaults] error_on_missing_handler`: notifying no handler ends the run. */
  errorOnMissingHandler: boolean;
  /** ANSIBLE_NO_LOG / `[defaults] no_log`: tasks that do not set `no_log` are censored. */
  noLog: boolean;
  /** ANSIBLE_JINJA2_NATIVE / `[defaults] jinja2_native`: templates give native values (docs/templating.md). */
  jinja2Native: boolean;
  /** ANSIBLE_HASH_BEHAVIOUR / ansible.cfg `[defaults] hash_behaviour`: `merge` merges dict variables across layers. */
  hashBehaviour: HashBehaviour;
  /** ANSIBLE_CACHE_PLUGIN=jsonfile (`[defaults] fact_caching`) with its connection folder and prefix; `--flush-cache`. */
  factCache?: { dir: string; prefix: string; flush: boolean };
  /** Where vault passwords come from, in the order they are tried. */
  vault: VaultSources;
}

/** One vault password source: a file (or executable) path, or `prompt`, with its vault id label. */
export interface VaultSource {
  label: string;
  source: string;
  /** The flag, variable or cfg key that named it (for error messages). */
  where: string;
}

/** The vault password sources of a run; empty when the run needs none. */
export type VaultSources = VaultSource[];

/** A setting read from one source, named the way the user wrote it (for error messages). */
interface Found {
  value: string | boolean;
  where: string;
}

const BECOME_METHODS = ['sudo', 'su', 'doas'] as const;
const GATHERING_POLICIES: Gathering[] = ['implicit', 'explicit', 'smart'];
const REPORTERS: ReporterName[] = ['tty', 'plain', 'json', 'silent'];

/**
 * Resolves settings with Ansible's precedence — flags over `ANSIBLE_*` environment over ansible.cfg over
 * defaults — and validates each value where it was read, so an error names the flag, variable or cfg key.
 * Relative paths from ansible.cfg resolve from the file's folder, like Ansible. Pure.
 */
export function resolveSettings(
  options: RawOptions,
  env: Record<string, string | undefined>,
  config: AnsibleConfig,
  cwd: string,
): Settings {
  const cfgDir = config.path ? dirname(config.path) : cwd;
  const pick = (
    flag: string | undefined,
    envName: string,
    section: string,
    key: string,
  ): Found | undefined => {
    const fromFlag = flag ? options[flag] : undefined;
    if (fromFlag !== undefined && typeof fromFlag !== 'object')
      return { value: fromFlag as string | boolean, where: flagName(flag as string) };
    if (env[envName] !== undefined && env[envName] !== '')
      return { value: env[envName] as string, where: envName };
    const fromCfg = config.sections[section]?.[key];
    if (fromCfg !== undefined)
      return { value: fromCfg, where: `\`${key}\` in ${config.path ?? 'ansible.cfg'} [${section}]` };
    return undefined;
  };
  const optionalInt = (found: Found | undefined, min: number): number | undefined =>
    found ? int(found, 0, min) : undefined;
  const int = (found: Found | undefined, fallback: number, min: number): number => {
    if (!found) return fallback;
    const n =
      typeof found.value === 'string' && /^\s*\d+\s*$/.test(found.value) ? Number(found.value) : Number.NaN;
    if (!Number.isInteger(n) || n < min) {
      throw new OptionError(
        found.where,
        `Expected ${quote(found.where)} to be an integer ≥ ${min}, got ${describeOptionValue(found.value)}`,
      );
    }
    return n;
  };
  const bool = (found: Found | undefined, fallback: boolean): boolean => {
    if (!found) return fallback;
    if (typeof found.value === 'boolean') return found.value;
    const parsed = found.value.trim() === '' ? false : parseBoolean(found.value);
    if (parsed !== undefined) return parsed;
    throw new OptionError(
      found.where,
      `Expected ${quote(found.where)} to be a boolean (yes/no, true/false), got ${describeOptionValue(found.value)}`,
    );
  };
  const str = (found: Found | undefined): string | undefined =>
    found === undefined ? undefined : String(found.value);
  const paths = (values: string[], base: string) =>
    values.flatMap((v) => splitList(v)).map((p) => resolve(base, expandHome(p, env)));

  const flagInventory = (options.inventory as string[] | undefined) ?? [];
  const inventory = flagInventory.length
    ? flagInventory.flatMap((v) => (v.includes(',') ? [v] : [resolve(cwd, expandHome(v, env))]))
    : env.ANSIBLE_INVENTORY
      ? paths([env.ANSIBLE_INVENTORY], cwd)
      : config.sections.defaults?.inventory
        ? paths([config.sections.defaults.inventory], cfgDir)
        : [];

  const methodFound = pick('becomeMethod', 'ANSIBLE_BECOME_METHOD', 'privilege_escalation', 'become_method');
  const method = str(methodFound) ?? 'sudo';
  if (!(BECOME_METHODS as readonly string[]).includes(method)) {
    throw new OptionError(
      methodFound?.where ?? '--become-method',
      `Expected ${quote(methodFound?.where ?? '--become-method')} to be one of sudo, su, doas, got ${describeOptionValue(method)}`,
    );
  }
  const reporter = options.json ? 'json' : (options.reporter as string | undefined);
  if (reporter !== undefined && !REPORTERS.includes(reporter as ReporterName)) {
    throw new OptionError(
      '--reporter',
      `Expected \`--reporter\` to be one of ${REPORTERS.join(', ')}, got ${describeOptionValue(reporter)}`,
    );
  }
  if (options.json && options.reporter && options.reporter !== 'json') {
    throw new OptionError('--json', `\`--json\` conflicts with \`--reporter ${options.reporter}\``);
  }
  const check = options.check === true;
  const exitCodeOnChange = options.exitCodeOnChange === true;
  if (exitCodeOnChange && !check) {
    throw new OptionError(
      '--exit-code-on-change',
      '`--exit-code-on-change` reports drift and needs `--check` (-C)',
    );
  }
  const gatheringFound = pick(undefined, 'ANSIBLE_GATHERING', 'defaults', 'gathering');
  const gathering = (str(gatheringFound) ?? 'implicit').trim().toLowerCase() as Gathering;
  if (!GATHERING_POLICIES.includes(gathering)) {
    throw new OptionError(
      gatheringFound?.where ?? 'ANSIBLE_GATHERING',
      `Expected ${quote(gatheringFound?.where ?? 'ANSIBLE_GATHERING')} to be one of implicit, explicit, smart, got ${describeOptionValue(String(gatheringFound?.value))}`,
    );
  }
  const cachePlugin = str(pick(undefined, 'ANSIBLE_CACHE_PLUGIN', 'defaults', 'fact_caching'));
  const cacheDir = str(
    pick(undefined, 'ANSIBLE_CACHE_PLUGIN_CONNECTION', 'defaults', 'fact_caching_connection'),
  );
  const factCache =
    cachePlugin?.replace(/^ansible\.builtin\./, '') === 'jsonfile' && cacheDir
      ? {
          dir: resolve(cwd, cacheDir.replace(/^~(?=\/|$)/, process.env.HOME ?? '~')),
          prefix:
            str(pick(undefined, 'ANSIBLE_CACHE_PLUGIN_PREFIX', 'defaults', 'fact_caching_prefix')) ??
            'ansible_facts',
          flush: options.flushCache === true,
        }
      : undefined;
  const hashFound = str(pick(undefined, 'ANSIBLE_HASH_BEHAVIOUR', 'defaults', 'hash_behaviour'));
  const hashBehaviour: HashBehaviour = hashFound?.trim().toLowerCase() === 'merge' ? 'merge' : 'replace';
  const timeoutFound = pick('connectTimeout', 'ANSIBLE_TIMEOUT', 'defaults', 'timeout');
  const rolesPath = env.ANSIBLE_ROLES_PATH
    ? paths([env.ANSIBLE_ROLES_PATH.replaceAll(':', ',')], cwd)
    : config.sections.defaults?.roles_path
      ? paths([config.sections.defaults.roles_path.replaceAll(':', ',')], cfgDir)
      : [];

  const vault: VaultSources = [];
  for (const id of (options.vaultId as string[] | undefined) ?? []) {
    const at = id.indexOf('@');
    const label = at > 0 ? id.slice(0, at) : 'default';
    const source = at >= 0 ? id.slice(at + 1) : id;
    if (source === '')
      throw new OptionError(
        '--vault-id',
        `Expected \`--vault-id\` to be [LABEL@]FILE or LABEL@prompt, got ${describeOptionValue(id)}`,
      );
    vault.push({
      label,
      source: source === 'prompt' ? source : resolve(cwd, expandHome(source, env)),
      where: '--vault-id',
    });
  }
  const flagFiles = (options.vaultPasswordFile as string[] | undefined) ?? [];
  const passwordFiles = flagFiles.length
    ? flagFiles.map((f) => ({ path: resolve(cwd, expandHome(f, env)), where: '--vault-password-file' }))
    : env.ANSIBLE_VAULT_PASSWORD_FILE
      ? [
          {
            path: resolve(cwd, expandHome(env.ANSIBLE_VAULT_PASSWORD_FILE, env)),
            where: 'ANSIBLE_VAULT_PASSWORD_FILE',
          },
        ]
      : config.sections.defaults?.vault_password_file
        ? [
            {
              path: resolve(cfgDir, expandHome(config.sections.defaults.vault_password_file, env)),
              where: `\`vault_password_file\` in ${config.path ?? 'ansible.cfg'} [defaults]`,
            },
          ]
        : [];
  for (const f of passwordFiles) vault.push({ label: 'default', source: f.path, where: f.where });
  if (options.askVaultPass === true)
    vault.push({ label: 'default', source: 'prompt', where: '--ask-vault-pass' });

  return {
    inventory,
    limit: options.limit as string | undefined,
    extraVars: (options.extraVars as string[] | undefined) ?? [],
    tags: ((options.tags as string[] | undefined) ?? []).flatMap(splitList),
    skipTags: ((options.skipTags as string[] | undefined) ?? []).flatMap(splitList),
    check,
    diff: options.diff === true,
    forks: optionalInt(pick('forks', 'ANSIBLE_FORKS', 'defaults', 'forks'), 1),
    startAtTask: options.startAtTask as string | undefined,
    remoteUser: str(pick('user', 'ANSIBLE_REMOTE_USER', 'defaults', 'remote_user')),
    connection: str(pick('connection', 'ANSIBLE_TRANSPORT', 'defaults', 'transport')),
    hostKeyChecking: bool(
      pick(undefined, 'ANSIBLE_HOST_KEY_CHECKING', 'defaults', 'host_key_checking'),
      true,
    ),
    rolesPath,
    connectTimeoutMs: int(timeoutFound, 10, 1) * 1000,
    become: {
      enabled: bool(pick('become', 'ANSIBLE_BECOME', 'privilege_escalation', 'become'), false),
      method: method as 'sudo' | 'su' | 'doas',
      user: str(pick('becomeUser', 'ANSIBLE_BECOME_USER', 'privilege_escalation', 'become_user')) ?? 'root',
      askPass: bool(
        pick('askBecomePass', 'ANSIBLE_BECOME_ASK_PASS', 'privilege_escalation', 'become_ask_pass'),
        false,
      ),
      allowSameUser: bool(
        pick(undefined, 'ANSIBLE_BECOME_ALLOW_SAME_USER', 'privilege_escalation', 'become_allow_same_user'),
        false,
      ),
      flags: str(pick(undefined, 'ANSIBLE_BECOME_FLAGS', 'privilege_escalation', 'become_flags')),
    },
    verbosity: (options.verbose as number | undefined) ?? 0,
    reporter: reporter as ReporterName | undefined,
    junit: options.junit === undefined ? undefined : resolve(cwd, options.junit as string),
    report: options.report === undefined ? undefined : resolve(cwd, options.report as string),
    exitCodeOnChange,
    gathering,
    forceHandlers: bool(pick('forceHandlers', 'ANSIBLE_FORCE_HANDLERS', 'defaults', 'force_handlers'), false),
    errorOnMissingHandler: bool(
      pick(undefined, 'ANSIBLE_ERROR_ON_MISSING_HANDLER', 'defaults', 'error_on_missing_handler'),
      true,
    ),
    noLog: bool(pick(undefined, 'ANSIBLE_NO_LOG', 'defaults', 'no_log'), false),
    jinja2Native: bool(pick(undefined, 'ANSIBLE_JINJA2_NATIVE', 'defaults', 'jinja2_native'), false),
    hashBehaviour,
    factCache,
    vault,
  };
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function quote(where: string): string {
  return where.startsWith('`') ? where : `\`${where}\``;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function expandHome(path: string, env: Record<string, string | undefined>): string {
  return path === '~' || path.startsWith('~/') ? `${env.HOME ?? '~'}${path.slice(1)}` : path;
}
