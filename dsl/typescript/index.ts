import { type BuiltinName, builtinEntries, type builtinModules } from '../../modules/registry.js';
import { moduleTask, type TaskBuilder } from './builders.js';

export {
  type Block,
  block,
  type ModuleArguments,
  moduleTask,
  type Play,
  play,
  playbook,
  type Task,
  type TaskBuilder,
  type TaskKeywords,
} from './builders.js';

/** The builders' type: one per module of the registry, typed from that module's own schema. */
export type Builders = { [K in BuiltinName]: TaskBuilder<(typeof builtinModules)[K]['definition']> };

/** One typed builder per built-in module, derived from the registry: `tasks.copy({ dest, content }, { notify: 'reload' })`. */
export const tasks = Object.fromEntries(
  builtinEntries.map(([name, entry]) => [name, moduleTask(entry.definition)]),
) as Builders;
