import { readFileSync } from 'node:fs';
import nunjucks from 'nunjucks';
import { isTemplateTrue } from '../../modules/ansible-boolean.js';
import { isVaulted, type VaultSecrets } from '../vault/index.js';
import { avoidContextCopies } from './context-patch.js';
import { installFilters } from './filters.js';
import { containsTemplate, hasTemplate } from './has-template.js';
import { installJinjaSyntax } from './jinja-syntax.js';
import { type LookupContext, lookupFunction, runLookup } from './lookups/index.js';
import { NativeCapture, singleExpression } from './native-capture.js';
import { spaceNestedBraces } from './nested-braces.js';
import { installPythonSemantics } from './python-runtime.js';
import { installSizeBounds } from './size-bounds.js';
import { TemplateError, type TemplateWhere, translate } from './template-error.js';
import { Vault } from './vault-values.js';

export { TemplateError, type TemplateWhere } from './template-error.js';

/** The placeholder of the magic `omit` variable: object keys whose rendered value is it are dropped. */
export const OMIT = '__omit_place_holder__spindle__';

/**
 * Renders Jinja2 through nunjucks with Ansible's filters and tests. A string that is exactly one `{{ expr }}`
 * keeps the expression's native type; variables whose values are templates are rendered lazily when used
 * (with recursion detection); undefined variables are errors unless defaulted or tested. Compiled templates
 * are cached by source text.
 */
export class Templar {
  private readonly env: nunjucks.Environment;
  private readonly compiled = new Map<string, nunjucks.Template>();
  private readonly capture: NativeCapture;
  /** The variables and place of the outermost render in progress (lookups render templates with them). */
  private active: Array<{ vars: Record<string, unknown>; where?: TemplateWhere }> = [];

  /** Decrypts inline `!vault` values when a template uses them, and remembers the plaintexts for masking. */
  readonly vault: Vault;

  constructor(private readonly options: { baseDir?: string; vault?: VaultSecrets } = {}) {
    this.vault = new Vault(options.vault);
    installPythonSemantics();
    installJinjaSyntax();
    this.env = new nunjucks.Environment(null, {
      autoescape: false,
      throwOnUndefined: true,
      trimBlocks: true,
      lstripBlocks: false,
    });
    installFilters(this.env as Parameters<typeof installFilters>[0]);
    installSizeBounds(this.env as unknown as Parameters<typeof installSizeBounds>[0]);
    this.capture = new NativeCapture(this.env);
    const contextFor = (vars: Record<string, unknown>) => this.lookupContext(vars);
    this.env.addGlobal('lookup', lookupFunction(false, contextFor));
    this.env.addGlobal('query', lookupFunction(true, contextFor));
    this.env.addGlobal('q', lookupFunction(true, contextFor));
    this.env.addGlobal('omit', OMIT);
    this.env.addGlobal('__context', function (this: unknown) {
      return this;
    });
    avoidContextCopies(this);
  }

  /** Renders every string inside `value` (deeply); drops object keys whose value renders to `omit`. */
  render(value: unknown, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    return this.within(vars, where, () => this.renderValue(value, vars, where));
  }

  /**
   * Runs lookup plugin `name` (Ansible's `query`) with the task's variables: `with_<name>` loops and the
   * `lookup()`/`query()` template functions. `terms` are the rendered terms.
   */
  query(
    name: string,
    terms: unknown[],
    kwargs: Record<string, unknown>,
    vars: Record<string, unknown>,
    where?: TemplateWhere,
  ): unknown[] {
    return this.within(vars, where, () =>
      runLookup(name, terms, kwargs, this.lookupContext(this.scope(vars, where))),
    );
  }

  private renderValue(value: unknown, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    if (isVaulted(value)) return this.vault.reveal(value, where);
    if (typeof value === 'string')
      return hasTemplate(value) ? this.renderString(value, this.scope(vars, where), where) : value;
    if (Array.isArray(value)) return value.map((item) => this.renderValue(item, vars, where));
    if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const rendered = this.renderValue(item, vars, where);
        if (rendered !== OMIT) out[key] = rendered;
      }
      return out;
    }
    return value;
  }

  /** Evaluates a bare expression (`when`, `changed_when`, `that`) to its native value. */
  evaluate(expression: string, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    return this.within(vars, where, () =>
      this.renderString(`{{ ${expression} }}`, this.scope(vars, where), where),
    );
  }

  /**
   * The syntax error of a template, or of a condition when `asCondition` (checked at load time, so a typo such as
   * an unclosed `{{` is reported with its file:line:col before any host is contacted); undefined when it parses.
   */
  syntaxError(text: string, asCondition = false): string | undefined {
    const source = spaceNestedBraces(asCondition && !hasTemplate(text) ? `{{ ${text} }}` : text);
    if (!hasTemplate(source) || this.compiled.has(source)) return undefined;
    try {
      this.compiled.set(source, new nunjucks.Template(source, this.env, undefined, true));
      return undefined;
    } catch (error) {
      return translate(error as Error).message.replace(/^template error: /, '');
    }
  }

  /** Evaluates a condition the way Ansible does (booleans pass through; strings are expressions). */
  isTrue(expression: string | boolean, vars: Record<string, unknown>, where?: TemplateWhere): boolean {
    if (typeof expression === 'boolean') return expression;
    const value = this.evaluate(expression, vars, where);
    return isTemplateTrue(value);
  }

  /** Renders a template file (the `template` module): trim_blocks on, as Ansible's template module. */
  renderFile(path: string, vars: Record<string, unknown>, where?: TemplateWhere): string {
    const text = this.vault.fileText(readFileSync(path), path).toString('utf8');
    const all = { ansible_managed: 'Ansible managed', template_path: path, ...vars };
    const out = this.within(all, where, () => this.renderText(text, this.scope(all, where), where));
    return pythonTrailingNewlines(text, String(out));
  }

  private within<T>(vars: Record<string, unknown>, where: TemplateWhere | undefined, run: () => T): T {
    this.active.push({ vars, where });
    try {
      return run();
    } finally {
      this.active.pop();
    }
  }

  private lookupContext(vars: Record<string, unknown>): LookupContext {
    const current = this.active[this.active.length - 1];
    return {
      vars,
      playbookDir: this.options.baseDir ?? process.cwd(),
      rolePath: current?.where?.rolePath,
      where: current?.where,
      renderFile: (path, extra) => this.renderFile(path, { ...current?.vars, ...extra }, current?.where),
    };
  }

  /** Wraps variables so that values holding templates render on first use, detecting recursion. */
  private scope(vars: Record<string, unknown>, where?: TemplateWhere): Record<string, unknown> {
    const scope: Record<string, unknown> = {};
    const resolving = new Set<string>();
    for (const [name, raw] of Object.entries(vars)) {
      if (!containsTemplate(raw)) {
        scope[name] = raw;
        continue;
      }
      let done = false;
      let value: unknown;
      Object.defineProperty(scope, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (done) return value;
          if (resolving.has(name))
            throw new TemplateError(
              'recursion',
              `recursive loop detected in template: \`${name}\` refers to itself`,
              where,
              name,
            );
          resolving.add(name);
          try {
            value = this.renderDeep(raw, scope, where);
          } finally {
            resolving.delete(name);
          }
          done = true;
          return value;
        },
      });
    }
    return scope;
  }

  private renderDeep(value: unknown, scope: Record<string, unknown>, where?: TemplateWhere): unknown {
    if (isVaulted(value)) return this.vault.reveal(value, where);
    if (typeof value === 'string') return hasTemplate(value) ? this.renderString(value, scope, where) : value;
    if (Array.isArray(value)) return value.map((v) => this.renderDeep(v, scope, where));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.renderDeep(v, scope, where)]));
    }
    return value;
  }

  private renderString(raw: string, scope: Record<string, unknown>, where?: TemplateWhere): unknown {
    const text = spaceNestedBraces(raw);
    const single = singleExpression(text);
    if (single !== undefined)
      return this.capture.evaluate(single, (source) => this.renderText(source, scope, where), where);
    try {
      return this.renderText(text, scope, where);
    } catch (error) {
      // nunjucks names no expression for an undefined value: find the first `{{ … }}` that fails on its own
      // (only without `{% %}` blocks, whose loop variables the lone expressions could not see).
      if (
        error instanceof TemplateError &&
        error.code === 'undefined' &&
        !error.variable &&
        !text.includes('{%')
      )
        for (const match of text.matchAll(/\{\{([\s\S]*?)\}\}/g))
          this.renderString(`{{${match[1]}}}`, scope, where);
      throw error;
    }
  }

  private renderText(text: string, scope: Record<string, unknown>, where?: TemplateWhere): string {
    let template = this.compiled.get(text);
    try {
      if (!template) {
        template = new nunjucks.Template(spaceNestedBraces(text), this.env, undefined, true);
        this.compiled.set(text, template);
      }
      return template.render(scope);
    } catch (error) {
      // nunjucks keeps only the message of errors thrown in variable getters: a vault failure is rethrown whole.
      throw this.vault.takeFailure() ?? translate(error as Error, where);
    }
  }
}

/**
 * Trailing newlines as Ansible's template leaves them: Jinja2 drops the source's last newline
 * (`keep_trailing_newline` off), then Ansible adds newlines back up to as many as the source ended with.
 */
function pythonTrailingNewlines(source: string, out: string): string {
  const trailing = (text: string) => text.length - text.replace(/\n+$/, '').length;
  let result = source.endsWith('\n') && out.endsWith('\n') ? out.slice(0, -1) : out;
  const missing = trailing(source) - trailing(result);
  if (missing > 0) result += '\n'.repeat(missing);
  return result;
}
