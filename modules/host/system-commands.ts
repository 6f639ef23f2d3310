import { spawnSync } from 'node:child_process';

/** The outcome of one system command a module ran (apt-get, useradd, systemctl …). */
export interface CommandOutcome {
  rc: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments (never a shell) and captures its output. */
export function runCommand(argv: string[], env?: Record<string, string>): CommandOutcome {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error) return { rc: 127, stdout: '', stderr: result.error.message };
  return { rc: result.status ?? 1, stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() };
}

/** Runs a planned list of commands in order and stops at the first failure, naming it. */
export function runAll(
  module: string,
  commands: string[][],
  env?: Record<string, string>,
): { outcomes: CommandOutcome[]; failure?: string } {
  const outcomes: CommandOutcome[] = [];
  for (const argv of commands) {
    const outcome = runCommand(argv, env);
    outcomes.push(outcome);
    if (outcome.rc !== 0)
      return {
        outcomes,
        failure: `${module}: \`${argv.join(' ')}\` failed (rc ${outcome.rc}): ${outcome.stderr || outcome.stdout}`,
      };
  }
  return { outcomes };
}
