import type { ContainerSettings } from '../../dsl/inventory/container-settings.js';
import { ConnectError, type ConnectionMethod } from '../core/index.js';

/** The container clients Spindle drives with `exec -i` (no daemon API, no TTY). */
export type ContainerTool = 'docker' | 'podman' | 'kubectl';

/**
 * The argv that runs a shell line inside a container, ending in `/bin/sh -c` (the boot line is appended):
 * `docker [extra] exec -u USER -i NAME /bin/sh -c`, the same for podman, and
 * `kubectl [--kubeconfig F] [--context C] [-n NS] [extra] exec -i POD [-c CONTAINER] -- /bin/sh -c`.
 */
export function containerExecArgv(tool: ContainerTool, settings: ContainerSettings): string[] {
  const extra = settings.extraArgs ? splitWords(settings.extraArgs) : [];
  if (tool === 'kubectl') {
    return [
      settings.executable ?? 'kubectl',
      ...(settings.kubeconfig ? ['--kubeconfig', settings.kubeconfig] : []),
      ...(settings.context ? ['--context', settings.context] : []),
      ...(settings.namespace ? ['-n', settings.namespace] : []),
      ...extra,
      'exec',
      '-i',
      settings.name,
      ...(settings.container ? ['-c', settings.container] : []),
      '--',
      '/bin/sh',
      '-c',
    ];
  }
  return [
    settings.executable ?? tool,
    ...extra,
    'exec',
    ...(settings.user ? ['-u', settings.user] : []),
    '-i',
    settings.name,
    '/bin/sh',
    '-c',
  ];
}

/** A spawn connection method that starts the context inside a running container with `docker|podman|kubectl exec`. */
export function containerMethod(
  tool: ContainerTool,
  settings: ContainerSettings,
  host: string,
): ConnectionMethod {
  try {
    return { kind: 'spawn', name: tool, argv: containerExecArgv(tool, settings) };
  } catch (error) {
    const message = `${host}: ansible_${tool}_extra_args: ${(error as Error).message}`;
    throw new ConnectError('spawn', message, [], host);
  }
}

/** Splits extra arguments into words as a POSIX shell would (quotes and backslashes; no expansions). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unterminated ${quote} quote in \`${text}\``);
  if (word !== null) words.push(word);
  return words;
}
