import { ConnectError } from '../../bootstrap/errors.js';
import { DslError, renderLoadErrors } from '../../dsl/issues.js';
import { TemplateError } from '../../dsl/template/template-error.js';
import { VaultError } from '../../dsl/vault/secrets.js';
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

/** The errors the boundary reports as the user's, told apart by their `kind`. */
type KnownError = OptionError | DslError | InterruptedError | TemplateError | VaultError | ConnectError;

function known(error: unknown): KnownError | undefined {
  if (
    error instanceof OptionError ||
    error instanceof DslError ||
    error instanceof InterruptedError ||
    error instanceof TemplateError ||
    error instanceof VaultError ||
    error instanceof ConnectError
  )
    return error;
  return undefined;
}

/** Maps a thrown value to its exit code and message (pure, unit-tested). */
export function describeFailure(error: unknown): { code: number; text: string } {
  if (error instanceof NoHostsError) return { code: EXIT.noHosts, text: `play: error: ${error.message}` };
  const found = known(error);
  switch (found?.kind) {
    case 'option':
      return {
        code: EXIT.badOptions,
        text: `play: error: ${found.message}\nRun \`play --help\` for the options.`,
      };
    case 'dsl':
      return { code: EXIT.playbookError, text: renderLoadErrors(found.issues) };
    case 'interrupted':
      return { code: EXIT.interrupted, text: '[ERROR]: User interrupted execution' };
    case 'template':
    case 'vault':
      return { code: EXIT.playbookError, text: `play: error: ${found.message}` };
    case 'connect':
      return { code: EXIT.unreachable, text: `play: ${found.host ?? ''}: ${found.message}` };
    case undefined: {
      const stack =
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
      return {
        code: EXIT.internal,
        text: `play: internal error: this is a bug, please report it with the command you ran and this trace:\n${stack}`,
      };
    }
  }
}
