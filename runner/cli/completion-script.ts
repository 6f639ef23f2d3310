import { TOOLS } from './commands/tool.js';
import { FLAGS } from './flags.js';

/** The shells `play completion` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The subcommands offered as the first word (besides playbook files). */
export const SUBCOMMANDS = ['schema', 'completion', ...TOOLS];

/** Flags whose value is a file or folder; the others that take a value complete to nothing (or their choices). */
const FILE_FLAGS = new Set(['inventory', 'vault-password-file', 'junit', 'report', 'extra-vars', 'vault-id']);
const CHOICES: Record<string, string[]> = {
  'become-method': ['sudo', 'su', 'doas'],
  reporter: ['tty', 'plain', 'json', 'silent'],
};

/** `-i|--inventory` style case patterns for a set of flags. */
function patterns(flags: typeof FLAGS): string {
  return (
    flags
      .flatMap((f) => [
        f.short ? `-${f.short}` : '',
        `--${f.long}`,
        ...(f.aliases ?? []).map((a) => `--${a}`),
      ])
      .filter(Boolean)
      .join('|') || '--no-such-flag'
  );
}

/**
 * The bash completion function `_play`: flags, subcommands, playbook files (`*.yml`, `*.yaml`, folders),
 * file names for file-valued flags, and for `-l/--limit` the host and group names of the inventory given with
 * `-i` on the line (else the default one), which it asks `play completion hosts` for. Terms of a pattern are
 * completed after `,` (bash itself splits words at `:`). Generated from the flag table, so it never drifts.
 */
export function bashCompletion(): string {
  const takesValue = FLAGS.filter((f) => f.kind !== 'boolean' && f.kind !== 'count');
  const files = takesValue.filter((f) => FILE_FLAGS.has(f.long));
  const choices = takesValue.filter((f) => CHOICES[f.long]);
  const others = takesValue.filter((f) => !FILE_FLAGS.has(f.long) && !CHOICES[f.long] && f.long !== 'limit');
  const words = FLAGS.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]).join(' ');
  const limit = FLAGS.filter((f) => f.long === 'limit');
  const inventory = FLAGS.filter((f) => f.long === 'inventory');
  return `# bash completion for play (Spindle): source <(play completion bash)
_play() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" j=$((COMP_CWORD - 1)) i
  # bash splits "web:db" into web, :, db; step back over those pieces to the flag.
  [[ "$cur" == ":" ]] && cur="" && j=$((j + 1))
  while [[ $j -gt 1 && "\${COMP_WORDS[j]}" == ":" ]]; do j=$((j - 2)); done
  local prev="\${COMP_WORDS[j]}"
  case "$prev" in
    ${patterns(limit)})
      local inv=()
      for ((i = 1; i < COMP_CWORD; i++)); do
        case "\${COMP_WORDS[i]}" in
          ${patterns(inventory)}) inv+=(-i "\${COMP_WORDS[i + 1]}") ;;
          --inventory=*) inv+=(-i "\${COMP_WORDS[i]#--inventory=}") ;;
        esac
      done
      local prefix="" term="$cur"
      if [[ "$cur" == *,* ]]; then prefix="\${cur%,*},"; term="\${cur##*,}"; fi
      local bang=""
      if [[ "$term" == [\\!\\&]* ]]; then bang="\${term:0:1}"; term="\${term:1}"; fi
      local names
      names="$(play completion hosts "\${inv[@]}" 2>/dev/null)"
      COMPREPLY=($(compgen -P "$prefix$bang" -W "$names" -- "$term"))
      return 0
      ;;
${choices.map((f) => `    ${patterns([f])})\n      COMPREPLY=($(compgen -W "${CHOICES[f.long].join(' ')}" -- "$cur"))\n      return 0\n      ;;`).join('\n')}
    ${patterns(files)})
      COMPREPLY=($(compgen -f -- "$cur"))
      return 0
      ;;
    ${patterns(others)})
      return 0
      ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${words}" -- "$cur"))
    return 0
  fi
  local IFS=$'\\n' # file names may hold spaces
  COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.@(yml|yaml)' -- "$cur"))
  IFS=$' \\t\\n'
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY+=($(compgen -W "${SUBCOMMANDS.join(' ')}" -- "$cur"))
  elif [[ "\${COMP_WORDS[1]}" == completion && $COMP_CWORD -eq 2 ]]; then
    COMPREPLY=($(compgen -W "bash zsh" -- "$cur"))
  fi
  compopt -o filenames 2>/dev/null # folders get their "/" and no space
  return 0
}
shopt -s extglob
complete -F _play play
`;
}

/** The zsh script: zsh's bash-compatible completion (`bashcompinit`) running the same `_play` function. */
export function zshCompletion(): string {
  return `#compdef play
# zsh completion for play (Spindle): source <(play completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion()
  .replace(/^# bash completion.*\n/, '')
  .replace('shopt -s extglob\n', 'setopt extendedglob 2>/dev/null\n')}`;
}
