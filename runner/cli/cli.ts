import { readFileSync } from 'node:fs';
import { type AnsibleConfig, findConfigFile, parseAnsibleConfig } from './ansible-config.js';
import { withErrorBoundary } from './boundary.js';
import type { CliIo } from './cli-io.js';
import { type Plan, planCommand } from './plan.js';

/** Each command lives in its own module, loaded only when chosen (startup stays fast). */
const COMMANDS: {
  [K in Plan['command']]: () => Promise<{
    execute(plan: Extract<Plan, { command: K }>, io: CliIo): Promise<number>;
  }>;
} = {
  help: () => import('./commands/help.js'),
  version: () => import('./commands/version.js'),
  schema: () => import('./commands/schema.js'),
  completion: () => import('./commands/completion.js'),
  playbook: () => import('./commands/playbook.js'),
  tool: () => import('./commands/tool.js'),
};

/** Runs `play` with these arguments and returns the exit code; every error goes through the boundary. */
export function runCli(argv: string[], io: CliIo): Promise<number> {
  return withErrorBoundary(async () => {
    const plan = planCommand({ argv, env: io.env, config: readConfig(io), cwd: io.cwd });
    const command = await COMMANDS[plan.command]();
    return (command.execute as (plan: Plan, io: CliIo) => Promise<number>)(plan, io);
  }, io.stderr);
}

function readConfig(io: CliIo): AnsibleConfig {
  const path = findConfigFile({
    env: io.env,
    cwd: io.cwd,
    home: io.env.HOME,
    warn: (m) => io.stderr.write(`[WARNING]: ${m}\n`),
  });
  return path ? parseAnsibleConfig(readFileSync(path, 'utf8'), path) : { sections: {} };
}
