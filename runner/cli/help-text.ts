import { FLAGS } from './flags.js';

/** `play --help`: usage, subcommands and every flag from the flag table, aligned. */
export function helpText(): string {
  const rows = FLAGS.map((f) => {
    const names = [f.short ? `-${f.short}` : '', `--${f.long}`, ...(f.aliases ?? []).map((a) => `--${a}`)]
      .filter(Boolean)
      .join(', ');
    return [`${names}${f.meta ? ` ${f.meta}` : ''}`, f.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'Usage: play [options] PLAYBOOK.yml [PLAYBOOK.yml …]',
    '       play schema        print the JSON Schema of playbooks (for editors)',
    '       play completion bash|zsh   print a shell completion script (source <(play completion bash))',
    '       play adhoc PATTERN -m MODULE -a ARGS        one module on hosts, like `ansible`',
    '       play inventory --list | --graph | --host H  the inventory, like `ansible-inventory`',
    '       play doc MODULE | -l                        module documentation, like `ansible-doc`',
    '       play vault encrypt|decrypt|view|edit|encrypt_string   like `ansible-vault`',
    '       (each subcommand has its own --help)',
    '',
    'Runs Ansible-dialect YAML or TypeScript playbooks. Options (ansible.cfg and ANSIBLE_* variables also apply):',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'Exit codes: 0 ok, 2 failed hosts, 3 drift (--check --exit-code-on-change), 4 unreachable or playbook',
    'error, 5 bad options, 99 interrupted, 250 internal error.',
    '',
  ].join('\n');
}
