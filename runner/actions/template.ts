import { TemplateError } from '../../dsl/template/template-error.js';
import { templateFileVariables } from '../../dsl/template/template-variables.js';
import type { ModuleArgs } from '../../modules/registry.js';
import type { TemplateHandOver } from '../../modules/template.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';

/** The controller half of `template`: renders `src` (role `templates/`, playbook `templates/` …) with the host's vars. */
export const templateAction: ControllerAction<ModuleArgs<'template'>, TemplateHandOver> = {
  prepare(args, ctx) {
    const path = findControllerFile(args.src, 'templates', ctx);
    const where = { task: ctx.task.name, location: ctx.task.location, rolePath: ctx.task.role?.path };
    try {
      return {
        _content: ctx.templar.renderFile(
          path,
          { ...ctx.vars, ...templateFileVariables(args.src, path, args.dest) },
          where,
        ),
      };
    } catch (error) {
      // Ansible's template action reports the exception's class and text: `AnsibleUndefinedVariable: 'x' is undefined`.
      if (!(error instanceof TemplateError)) throw error;
      const message = `${error.pythonType}: ${error.detail}`;
      throw new TemplateError(error.code, message, where, error.variable, message);
    }
  },
};
