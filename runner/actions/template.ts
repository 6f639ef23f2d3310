import type { ModuleArgs } from '../../modules/registry.js';
import type { TemplateHandOver } from '../../modules/template.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';

/** The controller half of `template`: renders `src` (role `templates/`, playbook `templates/` …) with the host's vars. */
export const templateAction: ControllerAction<ModuleArgs<'template'>, TemplateHandOver> = {
  prepare(args, ctx) {
    const path = findControllerFile(args.src, 'templates', ctx);
    return {
      _content: ctx.templar.renderFile(path, ctx.vars, {
        task: ctx.task.name,
        location: ctx.task.location,
        rolePath: ctx.task.role?.path,
      }),
    };
  },
};
