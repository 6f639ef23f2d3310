export { CallError, ContextRef, Secret } from '../../bootstrap/codec.js';
export { ChannelError, ConnectError, type ConnectPhase } from '../../bootstrap/errors.js';
export { bootShellLine, NO_NODE_MARKER, saysNoNode } from '../../bootstrap/first-stage.js';
export type { LogRecord } from '../../bootstrap/log.js';
export type { PromptRule, SpawnSpec, Transport } from '../../bootstrap/spawner.js';
export { type CallChain, Context } from './context.js';
export { type CoreBundle, loadCoreBundle } from './core-bundle.js';
export {
  type ConnectionMethod,
  type ConnectOptions,
  createMaster,
  Master,
  type MasterOptions,
  type NodeChoice,
  type OpenShell,
} from './master.js';
export { type FunctionRef, ref } from './ref.js';
