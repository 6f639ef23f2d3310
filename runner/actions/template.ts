import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ModuleArgs } from '../../modules/registry.js';
import type { TemplateHandOver } from '../../modules/template.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';

/** The controller half of `template`: renders `src` (role `templates/`, playbook `templates/` …) with the host's vars. */
export const templateAction: ControllerAction<ModuleArgs<'template'>, TemplateHandOver> = {
  prepare(args, ctx) {
    const path = findControllerFile(args.src, 'templates', ctx);
    return {
      _content: ctx.templar.renderFile(
        path,
        { ...ctx.vars, ...templateVariables(path, args) },
        {
          task: ctx.task.name,
          location: ctx.task.location,
          rolePath: ctx.task.role?.path,
        },
      ),
    };
  },
};

/** The variables Ansible defines while rendering a template (`template_host`, `template_path`, …). */
function templateVariables(path: string, args: { src: string; dest?: string }): Record<string, unknown> {
  let uid: string | number = userInfo().username;
  try {
    const owner = statSync(path).uid;
    uid = owner === userInfo().uid ? userInfo().username : owner;
  } catch {
    // the render reports a missing file itself
  }
  const now = new Date();
  return {
    template_host: hostname(),
    template_path: path,
    template_fullpath: resolve(path),
    template_uid: uid,
    template_run_date: now.toISOString().replace('T', ' ').replace('Z', ''),
    template_destpath: args.dest,
    ansible_managed: `Ansible managed`,
  };
}
