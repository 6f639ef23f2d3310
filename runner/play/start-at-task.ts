import type { TaskNode } from '../../dsl/graph.js';
import { glob } from '../../modules/host/glob.js';

/**
 * `--start-at-task NAME` (Ansible): tasks are passed over, silently, until the first one whose name (or
 * `role : name`) equals NAME or matches it as a shell pattern; from then on everything runs.
 */
export class StartAtTask {
  private readonly matches: (name: string) => boolean;
  private found = false;

  constructor(readonly pattern: string) {
    const matcher = glob(pattern);
    this.matches = (name) => name === pattern || matcher(name);
  }

  /** False while the wanted task has not been reached; true for it and for everything after it. */
  reached(task: TaskNode): boolean {
    if (this.found) return true;
    const names = [task.name, task.role ? `${task.role.name} : ${task.name}` : undefined];
    this.found = names.some((name) => name !== undefined && this.matches(name));
    return this.found;
  }

  /** True until a task matched: nodes other than tasks (meta, handler flushes) are passed over too. */
  get searching(): boolean {
    return !this.found;
  }
}
