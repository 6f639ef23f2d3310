import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { isTemplateTrue } from '../../modules/ansible-boolean.js';
import { asTextDeep, isVaulted, type VaultSecrets } from '../vault/index.js';
import { escapeBackslashes } from './backslashes.js';
import { avoidContextCopies } from './context-patch.js';
import { passTemplateErrorsThrough } from './error-passthrough.js';
import { installFilters } from './filters.js';
import { containsTemplate, hasTemplate } from './has-template.js';
import { IncludeLoader } from './include-loader.js';
import { installJinjaInclude } from './jinja-include.js';
import { expandLinePrefixes, installJinjaLexer } from './jinja-lexer.js';
import { changesEnvironment, type JinjaOptions, withTemplateHeader } from './jinja-options.js';
import { installJinjaSyntax } from './jinja-syntax.js';
import { searchStack } from './lookups/context.js';
import { type LookupContext, lookupFunction, runLoopLookup, type SearchKind } from './lookups/index.js';
import { NativeCapture, singleExpression } from './native-capture.js';
import { spaceNestedBraces } from './nested-braces.js';
import { now } from './now.js';
import { installPluginNames } from './plugin-names.js';
import { convertRenderedText, nativeLiteral } from './python-literal.js';
import { pyStr } from './python-repr.js';
import { installPythonSemantics } from './python-runtime.js';
import { PythonTypeError } from './python-values.js';
import { installSizeBounds } from './size-bounds.js';
import { installStarArguments } from './star-arguments.js';
import { keepsText, textStaysText } from './string-filters.js';
import { TemplateError, type TemplateWhere, translate, withSource } from './template-error.js';
import { describeUndefined, expressionAt, holdsUndefined } from './undefined-names.js';
import { isUnsafe, isUnsafeText } from './unsafe.js';
import { UnsafeTaint } from './unsafe-taint.js';
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
  /** Where `{% include %}` and `{% import %}` look, set for each file render. */
  private readonly includes = new IncludeLoader();
  /** Environments with other settings (the template module's `trim_blocks`, a lookup's delimiters …), by settings. */
  private readonly flavors = new Map<string, nunjucks.Environment>();
  private readonly capture: NativeCapture;
  private readonly taint = new UnsafeTaint();
  /** The variables and place of the outermost render in progress (lookups render templates with them). */
  private active: Array<{ vars: Record<string, unknown>; where?: TemplateWhere }> = [];

  /** Decrypts inline `!vault` values when a template uses them, and remembers the plaintexts for masking. */
  readonly vault: Vault;

  /**
   * `native`: Ansible's jinja2_native mode (`ANSIBLE_JINJA2_NATIVE`), where a template gives the native value of
   * its expression and rendered text is read as a Python literal (`ansible_native_concat`).
   */
  constructor(private readonly options: { baseDir?: string; vault?: VaultSecrets; native?: boolean } = {}) {
    this.vault = new Vault(options.vault);
    installPythonSemantics();
    installJinjaSyntax();
    installJinjaLexer();
    installJinjaInclude();
    passTemplateErrorsThrough();
    this.env = this.environment();
    this.capture = new NativeCapture(this.env);
    avoidContextCopies(this);
  }

  /** A nunjucks environment with Ansible's filters, tests and globals, and the given Jinja2 settings. */
  private environment(options: JinjaOptions = {}): nunjucks.Environment {
    const tags = {
      blockStart: options.blockStart,
      blockEnd: options.blockEnd,
      variableStart: options.variableStart,
      variableEnd: options.variableEnd,
      commentStart: options.commentStart,
      commentEnd: options.commentEnd,
    };
    const env = new nunjucks.Environment(
      this.includes as unknown as nunjucks.ILoader,
      {
        autoescape: false,
        throwOnUndefined: true,
        trimBlocks: options.trimBlocks ?? true,
        lstripBlocks: options.lstripBlocks ?? false,
        tags: Object.fromEntries(Object.entries(tags).filter(([, value]) => value !== undefined)),
        newlineSequence: options.newlineSequence,
      } as nunjucks.ConfigureOptions,
    );
    installFilters(env as Parameters<typeof installFilters>[0]);
    installSizeBounds(env as unknown as Parameters<typeof installSizeBounds>[0]);
    installPluginNames(env);
    installStarArguments(env);
    const contextFor = (vars: Record<string, unknown>) => this.lookupContext(vars);
    env.addGlobal('lookup', lookupFunction(false, contextFor));
    env.addGlobal('query', lookupFunction(true, contextFor));
    env.addGlobal('q', lookupFunction(true, contextFor));
    env.addGlobal('omit', OMIT);
    env.addGlobal('now', now);
    env.addGlobal('__context', function (this: unknown) {
      return this;
    });
    return env;
  }

  /** The environment for a render's settings: the default one unless the render changes some. */
  private flavor(options: JinjaOptions): nunjucks.Environment {
    if (!changesEnvironment(options)) return this.env;
    const key = JSON.stringify(options);
    let env = this.flavors.get(key);
    if (!env) {
      env = this.environment(options);
      this.flavors.set(key, env);
    }
    return env;
  }

  /** Renders every string inside `value` (deeply); drops object keys whose value renders to `omit`. */
  render(value: unknown, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    return this.within(vars, where, () => this.renderValue(value, vars, where, false));
  }

  /**
   * Renders each entry of `args` as `render` does, and names the entries whose rendering read unsafe data
   * (set_fact keeps such a fact unsafe, also when it is text).
   */
  renderEntries(
    args: Record<string, unknown>,
    vars: Record<string, unknown>,
    where?: TemplateWhere,
  ): { rendered: Record<string, unknown>; unsafe: Set<string> } {
    const rendered: Record<string, unknown> = {};
    const unsafe = new Set<string>();
    this.within(vars, where, () => {
      for (const [key, raw] of Object.entries(args)) {
        const { value, touched } = this.taint.observe(() => this.renderValue(raw, vars, where, false));
        if (value === OMIT) continue;
        rendered[key] = value;
        if (touched) unsafe.add(key);
      }
    });
    return { rendered, unsafe };
  }

  /**
   * As `render`, but a string whose rendering meets an undefined variable is kept as written (Ansible's
   * `fail_on_undefined=False`, with which `hostvars[host][name]` renders a host's value).
   */
  renderKeepingUndefined(value: unknown, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    return this.within(vars, where, () => this.renderValue(value, vars, where, true));
  }

  /**
   * Runs the lookup plugin of a `with_<name>` loop with the task's variables; `terms` are the rendered terms,
   * `subdir` where `first_found` looks (the task's action names templates, vars or files). A plugin's
   * failure is a LoopLookupError with the plugin's own message.
   */
  loopQuery(
    name: string,
    terms: unknown[],
    vars: Record<string, unknown>,
    where?: TemplateWhere,
    subdir?: SearchKind,
  ): unknown[] {
    return this.within(vars, where, () =>
      runLoopLookup(name, terms, {}, { ...this.lookupContext(this.scope(vars, where)), subdir }),
    );
  }

  private renderValue(
    value: unknown,
    vars: Record<string, unknown>,
    where: TemplateWhere | undefined,
    keepUndefined: boolean,
  ): unknown {
    if (isUnsafe(value)) return value;
    if (isVaulted(value)) return this.vault.reveal(value, where);
    if (typeof value === 'string') {
      if (!hasTemplate(value)) return value;
      try {
        return this.renderString(value, this.scope(vars, where), where);
      } catch (error) {
        if (keepUndefined && error instanceof TemplateError && error.code === 'undefined') return value;
        throw error;
      }
    }
    if (Array.isArray(value)) return value.map((item) => this.renderValue(item, vars, where, keepUndefined));
    if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const rendered = this.renderValue(item, vars, where, keepUndefined);
        if (rendered !== OMIT) out[key] = rendered;
      }
      return out;
    }
    return value;
  }

  /** Evaluates a bare expression (`when`, `changed_when`, `that`) to its native value. */
  evaluate(expression: string, vars: Record<string, unknown>, where?: TemplateWhere): unknown {
    return this.within(vars, where, () =>
      this.renderString(`{{ ${expression} }}`, this.scope(vars, where), where, false),
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
      // nunjucks' own words with the place in the expression (`[Line 1, Column 9] unexpected token: }}`)
      return (error as Error).message
        .replace(/^\(unknown path\)\s*/, '')
        .replace(/\s+/g, ' ')
        .trim();
    }
  }

  /**
   * Evaluates a condition (`when`, `changed_when`, `until`, assert `that`) as Ansible 2.14's conditionals do:
   * booleans pass through; a condition holding `{{ }}` is rendered first and, when that gives text, the text is
   * the expression; the value is true by Python's truthiness, so any non-empty string is true ("false" too).
   */
  isTrue(expression: string | boolean, vars: Record<string, unknown>, where?: TemplateWhere): boolean {
    if (typeof expression === 'boolean') return expression;
    let condition = expression;
    if (hasTemplate(expression)) {
      const rendered = this.render(expression, vars, where);
      if (typeof rendered !== 'string' || rendered.trim() === '') return pythonTruth(rendered);
      condition = rendered;
    }
    return pythonTruth(this.evaluate(condition, vars, where));
  }

  /**
   * Renders a template file (the `template` module and lookup) with Jinja2 settings `options` (trim_blocks on
   * unless they say otherwise, as Ansible's), over which the file's `#jinja2:` first line applies;
   * `{% include %}` looks beside the file, then in `<entry>/templates` and `<entry>` of the task's search path.
   */
  renderFile(
    path: string,
    vars: Record<string, unknown>,
    where?: TemplateWhere,
    options: JinjaOptions = {},
  ): string {
    const source = this.vault.fileText(readFileSync(path), path).toString('utf8');
    const stack = searchStack(vars, this.options.baseDir ?? process.cwd(), where);
    const paths = [dirname(path), ...stack.flatMap((p) => [join(p, 'templates'), p])];
    // a bad `#jinja2:` line fails as Ansible's (AnsibleError), without the template's text appended
    const header = withTemplateHeader(source, options);
    const settings = header.options;
    try {
      // Jinja2 reads every newline of a template as `\n` and drops the last one unless told to keep it
      let text = header.text.replace(/\r\n?/g, '\n');
      if (!settings.keepTrailingNewline) text = text.replace(/\n$/, '');
      text = expandLinePrefixes(text, settings);
      const env = this.flavor(settings);
      const out = this.within(vars, where, () =>
        this.includes.within(paths, () =>
          env === this.env
            ? this.renderText(text, this.scope(vars, where), where)
            : this.renderWith(env, text, this.scope(vars, where), where),
        ),
      );
      return pythonTrailingNewlines(source, String(out), settings.newlineSequence ?? '\n');
    } catch (error) {
      throw error instanceof TemplateError ? withSource(error, source) : error;
    }
  }

  /** Renders text once in another environment (other delimiters): not cached, errors translated. */
  private renderWith(
    env: nunjucks.Environment,
    text: string,
    scope: Record<string, unknown>,
    where?: TemplateWhere,
  ): string {
    try {
      return new nunjucks.Template(text, env, undefined, true).render(scope);
    } catch (error) {
      throw this.failure(error as Error, text, where, scope);
    }
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
      renderFile: (path, extra, options) =>
        this.renderFile(path, { ...current?.vars, ...extra }, current?.where, options),
      readFile: (path) => this.vault.fileText(readFileSync(path), path),
      renderTerm: (text) => this.renderString(text, vars, current?.where),
    };
  }

  /** Wraps variables so that values holding templates render on first use, detecting recursion. */
  private scope(vars: Record<string, unknown>, where?: TemplateWhere): Record<string, unknown> {
    const scope: Record<string, unknown> = {};
    // Ansible's `ansible_search_path` of a task: its role's folder, its own file's folder, the playbook's folder.
    if (where?.location && !('ansible_search_path' in vars))
      scope.ansible_search_path = [
        ...new Set(
          [where.rolePath, dirname(where.location.file), this.options.baseDir].flatMap((p) =>
            p ? [resolve(p)] : [],
          ),
        ),
      ];
    const resolving = new Set<string>();
    const lazyUndefined = new Map<string, string>();
    Object.defineProperty(scope, LAZY_UNDEFINED, { value: lazyUndefined });
    for (const [name, raw] of Object.entries(vars)) {
      if (isUnsafe(raw)) {
        Object.defineProperty(scope, name, {
          enumerable: true,
          configurable: true,
          get: () => this.readUnsafe(raw),
        });
        continue;
      }
      if (!containsTemplate(raw)) {
        scope[name] = raw;
        continue;
      }
      const unsafeText = isUnsafeText(raw);
      let done = false;
      let value: unknown;
      Object.defineProperty(scope, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (unsafeText) this.taint.touch();
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
          } catch (error) {
            // Ansible 2.14: a variable whose template meets an undefined value is itself undefined, and fails
            // only when used (`x is undefined` and `x | default()` work), with the inner error as its words
            if (!(error instanceof TemplateError) || error.code !== 'undefined') throw error;
            value = undefined;
            lazyUndefined.set(
              name,
              `${typeof raw === 'string' ? raw : JSON.stringify(raw)}: ${error.detail}`,
            );
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

  /** An unsafe variable's value, as it is; the render that reads it gives an unsafe result. */
  private readUnsafe(raw: unknown): unknown {
    this.taint.touch();
    return raw;
  }

  private renderDeep(value: unknown, scope: Record<string, unknown>, where?: TemplateWhere): unknown {
    if (isUnsafe(value)) return value;
    if (isVaulted(value)) return this.vault.inScope(value, where);
    if (typeof value === 'string') return hasTemplate(value) ? this.renderString(value, scope, where) : value;
    if (Array.isArray(value)) return value.map((v) => this.renderDeep(v, scope, where));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.renderDeep(v, scope, where)]));
    }
    return value;
  }

  /**
   * Renders one string; `finalize` (all but bare expressions) outputs an expression's None as '', as Ansible, and
   * leaves backslashes of string literals to stand for themselves (a bare condition is a `{% if %}` in Ansible,
   * whose literals read Python's escapes).
   */
  private renderString(
    raw: string,
    scope: Record<string, unknown>,
    where?: TemplateWhere,
    finalize = true,
  ): unknown {
    try {
      const text = finalize ? escapeBackslashes(raw) : raw;
      return this.taint.track(() => this.renderStringOnce(spaceNestedBraces(text), scope, where, finalize));
    } catch (error) {
      throw error instanceof TemplateError ? withSource(error, raw) : error;
    }
  }

  private renderStringOnce(
    text: string,
    scope: Record<string, unknown>,
    where: TemplateWhere | undefined,
    finalize: boolean,
  ): unknown {
    const single = singleExpression(text);
    if (single !== undefined) {
      const captured = this.capture.evaluate(single, (source) => this.renderText(source, scope, where));
      if (finalize && holdsUndefined(captured)) {
        const named = describeUndefined(single, scope);
        throw new TemplateError('undefined', named?.detail ?? 'undefined', where, named?.variable);
      }
      // a vaulted value is text here (decrypting it fails without a secret, as Ansible's does), and so is any
      // inside a list or dict, as Ansible's result went through text
      const value = isVaulted(captured)
        ? this.vault.reveal(captured, where)
        : this.vault.handedOut
          ? asTextDeep(captured)
          : captured;
      if (!finalize) return value;
      // a vaulted value's plaintext is not read as a literal (ansible_native_concat returns its data)
      if (this.options.native && isVaulted(captured)) return value;
      if (this.options.native)
        return typeof value === 'string' && !keepsText(single) ? nativeLiteral(value) : value;
      // Ansible passes a lone variable through as it is when it is a number, boolean or None; any other result
      // is text (an expression's None is output as ''), read back into a list, dict or bool when it spells one.
      const name = single.trim();
      const loneVariable = /^[A-Za-z_]\w*$/.test(name) && name in scope;
      if (loneVariable && (value === null || typeof value === 'number' || typeof value === 'boolean'))
        return value;
      return keepsText(single) ? value : nonNative(value);
    }
    const out = this.renderText(text, scope, where);
    if (finalize && this.options.native) return nativeLiteral(out);
    return finalize && !textStaysText(text, singleExpression) ? convertRenderedText(out) : out;
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
      throw this.failure(error as Error, text, where, scope);
    }
  }

  /**
   * The TemplateError of a failed render: a vault failure whole (nunjucks keeps only the message of errors thrown
   * in variable getters), an undefined value with the variable or attribute Ansible would name.
   */
  private failure(
    error: Error,
    text: string,
    where: TemplateWhere | undefined,
    scope: Record<string, unknown>,
  ): Error {
    const vault = this.vault.takeFailure();
    if (vault) return vault;
    const typeError = new RegExp(`${PythonTypeError.name}: ([^\\n]*)`).exec(error.message)?.[1];
    if (typeError !== undefined)
      return new TemplateError('type', typeError, where, undefined, undefined, typeError);
    const translated = translate(error, where);
    const anonymous = /^(?:undefined|.*attempted to output null or undefined value|.*Unable to call .*)$/;
    if (translated.code !== 'undefined' || !anonymous.test(translated.detail)) return translated;
    const expression = expressionAt(text, error.message) ?? /\{\{-?([\s\S]*?)-?\}\}/.exec(text)?.[1];
    const named = expression === undefined ? undefined : describeUndefined(expression, scope);
    const lazy =
      named?.variable &&
      (Reflect.get(scope, LAZY_UNDEFINED) as Map<string, string> | undefined)?.get(named.variable);
    return named ? new TemplateError('undefined', lazy || named.detail, where, named.variable) : translated;
  }
}

/** Where a scope keeps the inner errors of its variables that rendered to undefined (name → words). */
const LAZY_UNDEFINED = Symbol('lazy undefined');

/** Python's truth of a value: a string is true when not empty; lists, dicts, numbers as Python reads them. */
function pythonTruth(value: unknown): boolean {
  return typeof value === 'string' ? value.length > 0 : isTemplateTrue(value);
}

/**
 * The value of a template that is one expression under Ansible's non-native templating (`ansible_eval_concat`):
 * numbers become their text, None is '', text spelling a list, dict or bool is read back; lists, dicts and
 * booleans are kept (their text would read back the same).
 */
function nonNative(value: unknown): unknown {
  if (value === null) return '';
  if (typeof value === 'number') return pyStr(value);
  if (typeof value === 'string') return convertRenderedText(value);
  return value;
}

/**
 * Trailing newlines as Ansible's template leaves them: after Jinja2 dropped the source's last newline, Ansible
 * adds the newline sequence until the output ends with as many `\n` as the source did.
 */
function pythonTrailingNewlines(source: string, out: string, newline: string): string {
  const trailing = (text: string) => text.length - text.replace(/\n+$/, '').length;
  const missing = trailing(source) - trailing(out);
  return missing > 0 ? out + newline.repeat(missing) : out;
}
