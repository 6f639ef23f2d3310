import type { AnsibleConfig } from '../ansible-config.js';
import type { CliIo } from '../cli-io.js';

/** Ansible's other everyday commands, as `play` subcommands: `ansible`, `ansible-inventory`, `ansible-doc`, `ansible-vault`. */
export const TOOLS = ['adhoc', 'inventory', 'doc', 'vault'] as const;

/** The name of one subcommand. */
export type ToolName = (typeof TOOLS)[number];

/** What a subcommand gets: its own arguments (after its name), ansible.cfg, and the process. */
export interface ToolInput {
  argv: string[];
  config: AnsibleConfig;
}

/** True when `play`'s first argument names a subcommand (which then parses the rest with its own flags). */
export function isTool(word: string | undefined): word is ToolName {
  return (TOOLS as readonly string[]).includes(word ?? '');
}

const MODULES: Record<ToolName, () => Promise<{ runTool(input: ToolInput, io: CliIo): Promise<number> }>> = {
  adhoc: () => import('./adhoc.js'),
  inventory: () => import('./inventory.js'),
  doc: () => import('./doc.js'),
  vault: () => import('./vault.js'),
};

/** Runs the chosen subcommand, loading only its module. */
export async function execute(
  plan: { command: 'tool'; tool: ToolName; argv: string[]; config: AnsibleConfig },
  io: CliIo,
): Promise<number> {
  const tool = await MODULES[plan.tool]();
  return tool.runTool({ argv: plan.argv, config: plan.config }, io);
}
