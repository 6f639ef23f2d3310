import type { PlayNode } from '../../dsl/graph.js';
import type { ContextPool } from './connections.js';
import type { RunState } from './run-state.js';

/** What every part of running a play shares: the run's state, the play, and the pool of contexts. */
export interface PlayScope {
  readonly state: RunState;
  readonly play: PlayNode;
  readonly pool: ContextPool;
  /** `play` is set by `meta: end_play` (a task or a handler): the play's later batches (serial) do not run. */
  readonly ended: { play: boolean };
}
