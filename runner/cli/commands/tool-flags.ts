import { FLAGS, type FlagSpec } from '../flags.js';

/** The playbook flags a subcommand shares (same spelling, same meaning), picked by key from the flag table. */
export function sharedFlags(...keys: string[]): FlagSpec[] {
  return keys.map((key) => {
    const flag = FLAGS.find((f) => f.key === key);
    if (!flag) throw new Error(`no shared flag ${key}`);
    return flag;
  });
}

/** The vault password flags, for every subcommand that may read vaulted data. */
export const VAULT_FLAG_KEYS = ['vaultPasswordFile', 'askVaultPass', 'vaultId'];

/** `--help` of a subcommand: its usage lines, then its flags aligned like `play --help`. */
export function toolHelp(usage: string[], flags: FlagSpec[], notes: string[] = []): string {
  const rows = flags.map((f) => {
    const names = [f.short ? `-${f.short}` : '', `--${f.long}`, ...(f.aliases ?? []).map((a) => `--${a}`)]
      .filter(Boolean)
      .join(', ');
    return [`${names}${f.meta ? ` ${f.meta}` : ''}`, f.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    ...usage.map((line, i) => `${i === 0 ? 'Usage: ' : '       '}${line}`),
    '',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    ...(notes.length ? ['', ...notes] : []),
    '',
  ].join('\n');
}

/** `-h, --help` of a subcommand. */
export const HELP_FLAG: FlagSpec = {
  key: 'help',
  long: 'help',
  short: 'h',
  kind: 'boolean',
  help: 'show this help and exit',
};
