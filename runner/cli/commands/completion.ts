import { loadInventory } from '../../../dsl/index.js';
import type { CliIo } from '../cli-io.js';
import { bashCompletion, zshCompletion } from '../completion-script.js';
import type { Plan } from '../plan.js';

/**
 * `play completion bash|zsh` prints the shell script; `play completion hosts [-i INVENTORY]` (what the script
 * calls while completing `--limit`) prints the inventory's host and group names, one per line.
 */
export async function execute(plan: Extract<Plan, { command: 'completion' }>, io: CliIo): Promise<number> {
  if (plan.shell === 'bash') io.stdout.write(bashCompletion());
  else if (plan.shell === 'zsh') io.stdout.write(zshCompletion());
  else {
    const { inventory } = loadInventory(plan.inventory, { cwd: io.cwd });
    const names = new Set([...inventory.hosts.keys(), ...inventory.groups.keys()]);
    io.stdout.write(
      [...names]
        .sort()
        .map((n) => `${n}\n`)
        .join(''),
    );
  }
  return 0;
}
