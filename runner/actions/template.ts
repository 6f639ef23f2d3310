import { statSync } from 'node:fs';
import type { JinjaOptions } from '../../dsl/template/jinja-options.js';
import { TemplateError } from '../../dsl/template/template-error.js';
import { templateFileVariables } from '../../dsl/template/template-variables.js';
import type { ModuleArgs } from '../../modules/registry.js';
import type { TemplateHandOver } from '../../modules/template.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';
import { encodeText } from './output-encoding.js';

/** The newline sequences `newline_sequence` accepts, also when written with backslashes (`'\r\n'` in YAML). */
const NEWLINES = new Map([
  ['\n', '\n'],
  ['\r', '\r'],
  ['\r\n', '\r\n'],
  ['\\n', '\n'],
  ['\\r', '\r'],
  ['\\r\\n', '\r\n'],
]);

/**
 * The controller half of `template`: renders `src` (role `templates/`, playbook `templates/` …) with the host's
 * vars and the task's Jinja2 settings, and encodes it in `output_encoding`.
 */
export const templateAction: ControllerAction<ModuleArgs<'template'>, TemplateHandOver> = {
  prepare(args, ctx) {
    const newline = NEWLINES.get(args.newline_sequence);
    if (newline === undefined) throw new Error('newline_sequence needs to be one of: \n, \r or \r\n');
    const path = findControllerFile(args.src, 'templates', ctx);
    const where = { task: ctx.task.name, location: ctx.task.location, rolePath: ctx.task.role?.path };
    const options: JinjaOptions = {
      blockStart: args.block_start_string,
      blockEnd: args.block_end_string,
      variableStart: args.variable_start_string,
      variableEnd: args.variable_end_string,
      commentStart: args.comment_start_string,
      commentEnd: args.comment_end_string,
      // the defaults are left unset, so a template's `#jinja2:` line alone decides them
      trimBlocks: args.trim_blocks ? undefined : false,
      lstripBlocks: args.lstrip_blocks || undefined,
      newlineSequence: newline === '\n' ? undefined : newline,
    };
    let text: string;
    try {
      text = ctx.templar.renderFile(
        path,
        { ...ctx.vars, ...templateFileVariables(args.src, path, args.dest) },
        where,
        options,
      );
    } catch (error) {
      // Ansible's template action reports the exception's class and text: `AnsibleUndefinedVariable: 'x' is undefined`.
      if (!(error instanceof TemplateError)) throw error;
      const message = `${error.pythonType}: ${error.detail}`;
      throw new TemplateError(error.code, message, where, error.variable, message);
    }
    return {
      _content: encodeText(text, args.output_encoding || 'utf-8'),
      ...(args.mode === 'preserve' ? { _source_mode: preservedMode(path) } : {}),
    };
  },
};

/** `mode: preserve`: the template file's own permission bits, as Ansible's `'0%03o'`. */
function preservedMode(path: string): string {
  return `0${(statSync(path).mode & 0o7777).toString(8).padStart(3, '0')}`;
}
