import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { TaskNode } from '../../dsl/graph.js';
import type { Templar } from '../../dsl/template/templar.js';

/** What a controller action needs: where the playbook lives, the task's role, the templar and vars. */
export interface ActionContext {
  playbookDir: string;
  task: TaskNode;
  templar: Templar;
  vars: Record<string, unknown>;
  /** Allows contexts to stream a controller file (the master's file service). */
  offerFile(path: string): void;
  /** The routers' largest message (bootstrap `maxMessageSize`): what one reply can carry. */
  maxMessageSize?: number;
}

/** Finds a controller file like Ansible: the role's `files/` (or `templates/`), the playbook's, then as given. */
export function findControllerFile(
  name: string,
  kind: 'files' | 'templates',
  ctx: Pick<ActionContext, 'playbookDir' | 'task'>,
): string {
  if (isAbsolute(name)) return name;
  const candidates = [
    ...(ctx.task.role ? [join(ctx.task.role.path, kind, name), join(ctx.task.role.path, name)] : []),
    join(ctx.playbookDir, kind, name),
    join(ctx.playbookDir, name),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`could not find ${name} (searched ${candidates.join(', ')})`);
  return resolve(found);
}
