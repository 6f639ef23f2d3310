import { DslError, renderIssues } from '../../dsl/issues.js';
import { EXIT, InterruptedError, OptionError } from './cli-errors.js';
import { NoHostsError } from './no-hosts.js';

/**
 * The one place errors become exit codes and text: bad options → 5 with the flag named, a `--limit` matching nothing → 1, playbook errors → 4
 * with file:line:column, Ctrl-C → 99, anything else is a bug → 250 with the stack and a request to report it.
 */
export async function withErrorBoundary(
  run: () => Promise<number>,
  stderr: { write(text: string): unknown },
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    const { code, text } = describeFailure(error);
    stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    return code;
  }
}

/** Maps a thrown value to its exit code and message (pure, unit-tested). */
export function describeFailure(error: unknown): { code: number; text: string } {
  if (error instanceof OptionError)
    return {
      code: EXIT.badOptions,
      text: `play: error: ${error.message}\nRun \`play --help\` for the options.`,
    };
  if (error instanceof DslError) return { code: EXIT.playbookError, text: renderIssues(error.issues) };
  if (error instanceof NoHostsError) return { code: EXIT.noHosts, text: `play: error: ${error.message}` };
  if (error instanceof InterruptedError)
    return { code: EXIT.interrupted, text: '[ERROR]: User interrupted execution' };
  const named = error as {
    name?: string;
    message?: string;
    code?: unknown;
    where?: unknown;
    phase?: unknown;
    host?: unknown;
  };
  if (named?.name === 'TemplateError')
    return { code: EXIT.playbookError, text: `play: error: ${named.message}` };
  if (named?.name === 'VaultError')
    return { code: EXIT.playbookError, text: `play: error: ${named.message}` };
  if (named?.name === 'ConnectError')
    return { code: EXIT.unreachable, text: `play: ${String(named.host ?? '')}: ${named.message}` };
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return {
    code: EXIT.internal,
    text: `play: internal error: this is a bug, please report it with the command you ran and this trace:\n${stack}`,
  };
}
