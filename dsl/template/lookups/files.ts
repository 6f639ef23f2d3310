import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { isDict } from '../python-values.js';
import { findFile, LookupFailure, type LookupPlugin, searchPath, text } from './context.js';

/** `env`: the controller's environment variables (`default=` when unset, else ''). */
export const env: LookupPlugin = (terms, kwargs) =>
  terms.map((term) => process.env[text('env', term)] ?? kwargs.default ?? '');

/** `file`: contents of controller files, found like Ansible (role/playbook `files/`, then their dirs). */
export const file: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    let content = readFileSync(findFile('files', ctx, text('file', term)), 'utf8');
    if (isTemplateTrue(kwargs.lstrip ?? false)) content = content.trimStart();
    if (isTemplateTrue(kwargs.rstrip ?? true)) content = content.trimEnd();
    return content;
  });

/** `fileglob`: controller files (not directories) matching a pattern in the first search dir that exists. */
export const fileglob: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.flatMap((term) => {
    const pattern = text('fileglob', term);
    const match = picomatch(basename(pattern));
    for (const dir of searchPath('files', ctx, dirname(pattern))) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const found = readdirSync(dir)
        .filter((name) => match(name))
        .map((name) => join(dir, name))
        .filter((path) => statSync(path).isFile())
        .sort();
      if (found.length) return found;
    }
    return [];
  });

/** `template`: controller templates (role/playbook `templates/`) rendered with the current variables. */
export const template: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const extra = isDict(kwargs.template_vars) ? kwargs.template_vars : {};
    return ctx.renderFile(findFile('templates', ctx, text('template', term)), extra);
  });

/** `vars`: the values of variables named by the terms (`default=` for undefined ones). */
export const vars: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const name = text('vars', term);
    const value = name in ctx.vars ? ctx.vars[name] : undefined;
    if (value !== undefined) return value;
    if ('default' in kwargs) return kwargs.default;
    throw new LookupFailure(`No variable found with this name: ${name}`);
  });

function fileTerms(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((v) => String(v).split(/[,;]/))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `first_found`: the first file that exists among names (and `paths`), searched like `file`. */
export const firstFound: LookupPlugin = (terms, kwargs, ctx) => {
  let skip = isTemplateTrue(kwargs.skip ?? false);
  const candidates: string[] = [];
  const add = (files: string[], paths: string[]) => {
    for (const name of files) {
      if (paths.length === 0) candidates.push(...searchPath('files', ctx, name));
      else for (const path of paths) candidates.push(...searchPath('files', ctx, join(path, name)));
    }
  };
  const kwFiles = fileTerms(kwargs.files);
  const kwPaths = fileTerms(kwargs.paths).flatMap((p) => p.split(':'));
  for (const term of terms.length ? terms : [{}]) {
    if (isDict(term)) {
      if (term.skip !== undefined) skip = isTemplateTrue(term.skip);
      add(fileTerms(term.files ?? kwargs.files), fileTerms(term.paths ?? kwargs.paths));
    } else add(fileTerms(term), kwPaths);
  }
  if (terms.length && kwFiles.length && terms.every((t) => !isDict(t))) add(kwFiles, kwPaths);
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (found) return [resolve(found)];
  if (skip) return [];
  throw new LookupFailure(
    `No file was found when using first_found (searched ${[...new Set(candidates)].join(', ') || 'nothing'})`,
  );
};

function shell(plugin: string, command: string, cwd: string): string {
  try {
    return execFileSync('/bin/sh', ['-c', command], {
      cwd: isAbsolute(cwd) && existsSync(cwd) ? cwd : undefined,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (error) {
    const e = error as { status?: number; stderr?: string };
    throw new LookupFailure(
      `${plugin}: command \`${command}\` failed (rc=${e.status ?? 'killed'})${e.stderr ? `: ${e.stderr.trim()}` : ''}`,
    );
  }
}

/** `pipe`: stdout of `/bin/sh -c <term>` on the controller (in the playbook dir), trailing whitespace stripped. */
export const pipe: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.map((term) => shell('pipe', text('pipe', term), ctx.playbookDir).trimEnd());

/** `lines`: each line of the stdout of `/bin/sh -c <term>` on the controller. */
export const lines: LookupPlugin = (terms, _kwargs, ctx) =>
  terms.flatMap((term) =>
    shell('lines', text('lines', term), ctx.playbookDir)
      .split(/\r?\n/)
      .filter((l, i, all) => l !== '' || i < all.length - 1),
  );
