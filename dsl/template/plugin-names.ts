import nunjucks from 'nunjucks';
import { PluginNotFound } from './template-error.js';

interface PluginTables {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  getFilter(name: string): unknown;
  getTest(name: string): unknown;
  loadFilter?(name: string): unknown;
  loadTest?(name: string): unknown;
}

interface CompilerInternals {
  compiler: { Compiler: { prototype: { _emit(code: string): void } } };
}

let installed = false;

/**
 * Names Ansible's error for a filter or test that does not exist: `Could not load "x": 'x'`. A name the template
 * itself uses (`x | nope`, `x is nope`) fails as a syntax error of the template, as Jinja2 finds it when compiling;
 * a name passed to a filter (`selectattr('a', 'nope')`, `map('nope')`) fails when used, as TemplateSyntaxError.
 */
export function installPluginNames(env: nunjucks.Environment): void {
  const tables = env as unknown as PluginTables;
  const find = (kind: 'filter' | 'test', name: string, load: boolean) => {
    const table = kind === 'filter' ? tables.filters : tables.tests;
    if (!Object.hasOwn(table, name)) throw new PluginNotFound(name, load);
    return table[name];
  };
  tables.getFilter = (name) => find('filter', name, false);
  tables.getTest = (name) => find('test', name, false);
  tables.loadFilter = (name) => find('filter', name, true);
  tables.loadTest = (name) => find('test', name, true);
  if (installed) return;
  installed = true;
  // Compiled templates look their filters and tests up through `env.loadFilter`/`env.loadTest`.
  const proto = (nunjucks as unknown as CompilerInternals).compiler.Compiler.prototype;
  const emit = proto._emit;
  proto._emit = function (code: string) {
    emit.call(this, code.replace(/\benv\.get(Filter|Test)\(/g, 'env.load$1('));
  };
}
