import type { TaskGraph } from '../../dsl/graph.js';
import type { Inventory } from '../../dsl/inventory/types.js';
import type { HashBehaviour } from '../../dsl/vars/combine.js';
import type { VaultSecrets } from '../../dsl/vault/index.js';
import type { RunEvent } from '../report/events.js';
import type { FactCache } from './fact-cache.js';
import type { HostRun } from './host-run.js';

/** When plays gather facts (Ansible's `gathering`): unless `gather_facts: false`, only when `true`, or once per host. */
export type Gathering = 'implicit' | 'explicit' | 'smart';

/** Everything `runPlaybook` needs: the compiled graph, the inventory, the switches, and where events go. */
export interface RunOptions {
  graph: TaskGraph;
  inventory: Inventory;
  extraVars: Record<string, unknown>;
  check: boolean;
  diff: boolean;
  forks?: number;
  verbosity: number;
  startAtTask?: string;
  /** `-u` / ansible.cfg `remote_user` / ANSIBLE_REMOTE_USER: the default user, below every keyword and variable. */
  remoteUser?: string;
  /** `-c` / ansible.cfg `[defaults] transport` / ANSIBLE_TRANSPORT: the default connection, lowest too. */
  connection?: string;
  /** `allowSameUser` (ANSIBLE_BECOME_ALLOW_SAME_USER): become even when the login user is the become user. */
  become?: {
    enabled?: boolean;
    method?: 'sudo' | 'su' | 'doas';
    user?: string;
    password?: string;
    allowSameUser?: boolean;
    flags?: string;
  };
  connectTimeoutMs?: number;
  /** ANSIBLE_GATHERING / `[defaults] gathering` (default implicit). */
  gathering?: Gathering;
  /** `--force-handlers` / ANSIBLE_FORCE_HANDLERS: the default of plays without `force_handlers`. */
  forceHandlers?: boolean;
  /** ANSIBLE_ERROR_ON_MISSING_HANDLER (default true): a changed task notifying no handler ends the run, exit 1. */
  errorOnMissingHandler?: boolean;
  /** ANSIBLE_NO_LOG / `[defaults] no_log`: the `no_log` of every task that sets none (nor its block or play). */
  noLog?: boolean;
  /** Ansible's jinja2_native mode: templates give native values, set_fact keeps `yes`/`no` text as text. */
  jinja2Native?: boolean;
  /** `host_key_checking` from ansible.cfg / ANSIBLE_HOST_KEY_CHECKING; false turns SSH host key checks off. */
  hostKeyChecking?: boolean;
  /** The `jsonfile` fact cache (ANSIBLE_CACHE_PLUGIN=jsonfile), when one is set; `flush` is `--flush-cache`. */
  factCache?: FactCache & { flush?: boolean };
  /** ANSIBLE_HASH_BEHAVIOUR / ansible.cfg `hash_behaviour`: `merge` merges dict variables across layers. */
  hashBehaviour?: HashBehaviour;
  /** Vault passwords (`--vault-password-file`, `--vault-id`, `--ask-vault-pass`); needed only for vaulted data. */
  vault?: VaultSecrets;
  /** Aborted on the first Ctrl-C: no new task starts; the running ones finish. */
  signal?: AbortSignal;
  /** Aborted on SIGTERM: the running tasks are stopped too (their hosts are reported interrupted). */
  stopNow?: AbortSignal;
  /**
   * Hosts' state from the earlier playbooks of the same command: Ansible keeps facts, variables and the recap's
   * counts across the playbooks of one `ansible-playbook a.yml b.yml`.
   */
  hosts?: Map<string, HostRun>;
  /** Reads the inventory sources again, for `meta: refresh_inventory` (without it, the inventory stays as it is). */
  reloadInventory?: () => Inventory;
  emit(event: RunEvent): void;
}
