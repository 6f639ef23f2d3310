/**
 * The flags `play` accepts, declared once: the parser, `--help` and docs/cli.md follow this table. Names and
 * short forms are ansible-playbook's, so muscle memory (`-i hosts -l web -t deploy -CD -vvv`) works.
 */

/** How a flag consumes arguments. */
export type FlagKind = 'boolean' | 'count' | 'value' | 'list' | 'pair';

/** One declared flag. */
export interface FlagSpec {
  /** Key in the parsed options. */
  key: string;
  long: string;
  short?: string;
  /** Other long names (`--timeout` for `--connect-timeout`). */
  aliases?: string[];
  kind: FlagKind;
  /** Placeholder(s) in `--help`. */
  meta?: string;
  help: string;
}

/** Every flag, in `--help` order. */
export const FLAGS: FlagSpec[] = [
  {
    key: 'inventory',
    long: 'inventory',
    short: 'i',
    kind: 'list',
    meta: 'PATH|HOSTS',
    help: 'inventory file, folder or comma list (repeatable)',
  },
  {
    key: 'limit',
    long: 'limit',
    short: 'l',
    kind: 'value',
    meta: 'PATTERN',
    help: 'further limit selected hosts to a pattern',
  },
  {
    key: 'extraVars',
    long: 'extra-vars',
    short: 'e',
    kind: 'list',
    meta: 'VARS',
    help: 'extra variables: k=v, JSON/YAML, or @file (repeatable)',
  },
  {
    key: 'tags',
    long: 'tags',
    short: 't',
    kind: 'list',
    meta: 'TAGS',
    help: 'only run tasks tagged with these (comma list, repeatable)',
  },
  { key: 'skipTags', long: 'skip-tags', kind: 'list', meta: 'TAGS', help: 'skip tasks tagged with these' },
  {
    key: 'check',
    long: 'check',
    short: 'C',
    kind: 'boolean',
    help: 'dry run: report what would change, change nothing',
  },
  {
    key: 'forceHandlers',
    long: 'force-handlers',
    kind: 'boolean',
    help: 'run handlers even on hosts that failed',
  },
  {
    key: 'diff',
    long: 'diff',
    short: 'D',
    kind: 'boolean',
    help: 'show diffs of changed files and attributes',
  },
  {
    key: 'forks',
    long: 'forks',
    short: 'f',
    kind: 'value',
    meta: 'N',
    help: 'hosts worked on in parallel (default: all, bounded by the open-file limit)',
  },
  {
    key: 'startAtTask',
    long: 'start-at-task',
    kind: 'value',
    meta: 'NAME',
    help: 'start the playbook at the task with this name',
  },
  { key: 'listTasks', long: 'list-tasks', kind: 'boolean', help: 'list the tasks that would run' },
  { key: 'listHosts', long: 'list-hosts', kind: 'boolean', help: 'list the hosts each play targets' },
  { key: 'listTags', long: 'list-tags', kind: 'boolean', help: 'list all available tags' },
  { key: 'syntaxCheck', long: 'syntax-check', kind: 'boolean', help: 'validate the playbook and exit' },
  { key: 'graph', long: 'graph', kind: 'boolean', help: 'print the compiled task graph' },
  {
    key: 'flushCache',
    long: 'flush-cache',
    kind: 'boolean',
    help: 'clear the fact cache (play keeps no facts between runs: nothing to clear)',
  },
  {
    key: 'user',
    long: 'user',
    short: 'u',
    kind: 'value',
    meta: 'USER',
    help: 'connect as this user (remote_user)',
  },
  {
    key: 'connection',
    long: 'connection',
    short: 'c',
    kind: 'value',
    meta: 'CONNECTION',
    help: 'connection type to use (default: ssh, local for localhost)',
  },
  { key: 'become', long: 'become', short: 'b', kind: 'boolean', help: 'run operations with become' },
  {
    key: 'becomeUser',
    long: 'become-user',
    kind: 'value',
    meta: 'USER',
    help: 'become this user (default root)',
  },
  {
    key: 'becomeMethod',
    long: 'become-method',
    kind: 'value',
    meta: 'METHOD',
    help: 'sudo, su or doas (default sudo)',
  },
  {
    key: 'askBecomePass',
    long: 'ask-become-pass',
    short: 'K',
    kind: 'boolean',
    help: 'ask for the become password',
  },
  {
    key: 'vaultPasswordFile',
    long: 'vault-password-file',
    aliases: ['vault-pass-file'],
    kind: 'list',
    meta: 'FILE',
    help: 'vault password file, or an executable that prints the password (repeatable)',
  },
  {
    key: 'askVaultPass',
    long: 'ask-vault-pass',
    short: 'J',
    aliases: ['ask-vault-password'],
    kind: 'boolean',
    help: 'ask for the vault password',
  },
  {
    key: 'vaultId',
    long: 'vault-id',
    kind: 'list',
    meta: '[LABEL@]SOURCE',
    help: 'a vault identity: LABEL@FILE, LABEL@prompt, or FILE (repeatable)',
  },
  {
    key: 'connectTimeout',
    long: 'connect-timeout',
    short: 'T',
    aliases: ['timeout'],
    kind: 'value',
    meta: 'SECONDS',
    help: 'connection timeout (default 10)',
  },
  {
    key: 'reporter',
    long: 'reporter',
    kind: 'value',
    meta: 'NAME',
    help: 'output: tty, plain, json or silent (default: tty on a terminal, else plain)',
  },
  { key: 'json', long: 'json', kind: 'boolean', help: 'NDJSON events on stdout (same as --reporter json)' },
  { key: 'junit', long: 'junit', kind: 'value', meta: 'FILE', help: 'also write a JUnit XML report to FILE' },
  {
    key: 'report',
    long: 'report',
    kind: 'value',
    meta: 'FILE',
    help: 'also write a self-contained HTML run report to FILE (timeline, failures, changes)',
  },
  {
    key: 'exitCodeOnChange',
    long: 'exit-code-on-change',
    kind: 'boolean',
    help: 'with --check: exit 3 when something would change',
  },
  {
    key: 'explainVar',
    long: 'explain-var',
    kind: 'pair',
    meta: 'NAME HOST',
    help: 'show where a variable of a host comes from, and exit',
  },
  {
    key: 'verbose',
    long: 'verbose',
    short: 'v',
    kind: 'count',
    help: 'more output (-vvv for connection details)',
  },
  { key: 'version', long: 'version', kind: 'boolean', help: 'print the version and exit' },
  { key: 'help', long: 'help', short: 'h', kind: 'boolean', help: 'show this help and exit' },
];
