import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import picomatch from 'picomatch';
import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { convertRenderedText } from '../python-literal.js';
import { isDict } from '../python-values.js';
import { templateFileVariables } from '../template-variables.js';
import { LookupFailure, type LookupPlugin, locate, lookupStack, text } from './context.js';

/**
 * `env`: the controller's environment variables (the first word of each term; `default=` when unset, else ''); a
 * `default` that is itself undefined (`default=Undefined`) makes an unset variable an undefined-variable error.
 */
export const env: LookupPlugin = (terms, kwargs) =>
  terms.map((term) => {
    const name = text('env', term).split(/\s+/)[0];
    const value = process.env[name];
    if (value !== undefined) return value;
    if ('default' in kwargs && kwargs.default === undefined)
      throw new LookupFailure(
        `The "env" lookup, found an undefined variable: ${name}`,
        'AnsibleUndefinedVariable',
      );
    return kwargs.default ?? '';
  });

/** `file`: contents of controller files (vault-encrypted ones decrypted), found along the search path. */
export const file: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const name = text('file', term);
    const found = locate('files', ctx, name);
    if (!found || !statSync(found).isFile())
      throw new LookupFailure(`could not locate file in lookup: ${name}`);
    let content = ctx.readFile(found).toString('utf8');
    if (isTemplateTrue(kwargs.lstrip ?? false)) content = content.trimStart();
    if (isTemplateTrue(kwargs.rstrip ?? true)) content = content.trimEnd();
    return content;
  });

/** `unvault`: contents of controller files, decrypted when vault-encrypted, nothing stripped. */
export const unvault: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.map((term) => {
    const name = text('unvault', term);
    const found = locate('files', ctx, name);
    if (!found) throw new LookupFailure(`Unable to find file matching "${name}" `, 'AnsibleParserError');
    return ctx.readFile(found).toString('utf8');
  });

/**
 * `fileglob`: controller files (not directories) matching a pattern. A pattern with a folder globs in the first
 * place that folder is found along the search path; a bare pattern tries `<entry>/files` and `<entry>` of each
 * search-path entry; the first place with matches wins.
 */
export const fileglob: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.flatMap((term) => {
    const pattern = text('fileglob', term);
    const name = basename(pattern);
    const match = picomatch(name);
    const dirs =
      name !== pattern
        ? [locate('files', ctx, dirname(pattern))].filter((d): d is string => d !== undefined)
        : lookupStack(ctx).flatMap((p) => [join(p, 'files'), p]);
    for (const dir of dirs) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const found = readdirSync(dir)
        .filter((entry) => match(entry))
        .map((entry) => join(dir, entry))
        .filter((path) => statSync(path).isFile())
        .sort();
      if (found.length) return found;
    }
    return [];
  });

/**
 * `template`: controller templates found along the search path (`templates/` first), rendered with the current
 * variables plus `template_vars`, Jinja2 delimiters as given; output that spells a dict, list or boolean becomes
 * that data unless `convert_data=False` (`jinja2_native` needs Ansible's global native mode: ignored).
 */
export const template: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const name = text('template', term);
    const found = locate('templates', ctx, name);
    if (!found) throw new LookupFailure(`the template file ${name} could not be found for the lookup`);
    const extra = isDict(kwargs.template_vars) ? kwargs.template_vars : {};
    const option = (key: string) => (typeof kwargs[key] === 'string' ? (kwargs[key] as string) : undefined);
    const out = ctx.renderFile(
      found,
      { ...templateFileVariables(name, found), ...extra },
      {
        variableStart: option('variable_start_string'),
        variableEnd: option('variable_end_string'),
        commentStart: option('comment_start_string'),
        commentEnd: option('comment_end_string'),
      },
    );
    return isTemplateTrue(kwargs.convert_data ?? true) ? convertRenderedText(out) : out;
  });

function shell(plugin: string, command: string, cwd: string): string {
  try {
    return execFileSync('/bin/sh', ['-c', command], {
      cwd: isAbsolute(cwd) && existsSync(cwd) ? cwd : undefined,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000,
    });
  } catch (error) {
    const e = error as { status?: number | null };
    throw new LookupFailure(`lookup_plugin.${plugin}(${command}) returned ${e.status ?? -1}`);
  }
}

/** `pipe`: stdout of `/bin/sh -c <term>` on the controller (in the playbook dir), trailing whitespace stripped. */
export const pipe: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.map((term) => shell('pipe', String(term), ctx.playbookDir).trimEnd());

/** `lines`: each line of the stdout of `/bin/sh -c <term>` on the controller. */
export const lines: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.flatMap((term) =>
    shell('lines', text('lines', term), ctx.playbookDir)
      .split(/\r?\n/)
      .filter((l, i, all) => l !== '' || i < all.length - 1),
  );
