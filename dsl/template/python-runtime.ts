import nunjucks from 'nunjucks';
import { asText, isVaulted } from '../vault/vaulted.js';
import { methodTable, pythonMethod } from './python-methods.js';
import { needsRepr, pyRepr, pyStr } from './python-repr.js';
import { dictHas, PythonTypeError, pyClassName, pyCompare, pyIn, typeName } from './python-values.js';
import { holdsUndefined } from './undefined-names.js';

/** The parts of nunjucks' runtime and compiler that are patched (not in its type declarations). */
interface NunjucksInternals {
  runtime: {
    memberLookup(obj: unknown, name: unknown): unknown;
    contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
    callWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown;
    inOperator(key: unknown, value: unknown): boolean;
    ensureDefined(value: unknown, lineno: number, colno: number): unknown;
    suppressValue(value: unknown, autoescape: boolean): unknown;
    pyConcat?: (left: unknown, right: unknown) => string;
    pyCompare?: typeof pyCompare;
    pyTruth?: typeof pyTruth;
    pyAdd?: typeof pyAdd;
    pyMul?: typeof pyMul;
    pyOr?: (left: unknown, right: () => unknown) => unknown;
    pyAnd?: (left: unknown, right: () => unknown) => unknown;
  };
  nodes: { Not: new (lineno: number, colno: number, target: unknown) => unknown };
  compiler: {
    Compiler: {
      prototype: {
        compile(node: unknown, frame: unknown): void;
        _emit(code: string): void;
        compileCompare(
          node: { expr: unknown; ops: Array<{ type: string; expr: unknown }> },
          frame: unknown,
        ): void;
        compileAdd(node: BinaryNode, frame: unknown): void;
        compileConcat(node: BinaryNode, frame: unknown): void;
        compileMul(node: BinaryNode, frame: unknown): void;
        compileOr(node: BinaryNode, frame: unknown): void;
        compileAnd(node: BinaryNode, frame: unknown): void;
        compileNot(node: { target: unknown }, frame: unknown): void;
        compileInlineIf(node: { cond: unknown; body: unknown; else_: unknown }, frame: unknown): void;
        compileIf(
          node: { cond: unknown; lineno: number; colno: number },
          frame: unknown,
          async: boolean,
        ): void;
      };
    };
  };
}

interface BinaryNode {
  left: unknown;
  right: unknown;
}

/** Python's truth: empty lists, dicts and strings, 0, None and False are false (JavaScript finds `[]` true). */
export function pyTruth(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (value !== null && typeof value === 'object') {
    if (value instanceof String || 'val' in value) return String(value).length > 0;
    if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
      return Object.keys(value).length > 0;
    return true;
  }
  return Boolean(value);
}

/**
 * An undefined operand fails, as Jinja2's strict Undefined does (`missing.attr + 'x'` would otherwise give
 * "undefinedx"); the message reads as nunjucks' own, so the templar names the variable.
 */
export function requireDefined(...operands: unknown[]): void {
  if (operands.includes(undefined)) throw new Error('undefined');
}

/** Python's `+`: lists concatenate (JavaScript would join them into a string), numbers add, strings join. */
export function pyAdd(left: unknown, right: unknown): unknown {
  requireDefined(left, right);
  if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  const numeric = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(left) && numeric(right)) return Number(left) + Number(right);
  const text = (v: unknown) => typeof v === 'string' || v instanceof String;
  if (text(left) && text(right)) return String(left) + String(right);
  // Python refuses any other mix, in its own words
  if (text(left) || Array.isArray(left))
    throw new PythonTypeError(
      `can only concatenate ${text(left) ? 'str' : 'list'} (not "${pyClassName(right)}") to ${text(left) ? 'str' : 'list'}`,
    );
  throw new PythonTypeError(
    `unsupported operand type(s) for +: '${pyClassName(left)}' and '${pyClassName(right)}'`,
  );
}

/** Python's `*`: a string or list times an integer repeats it (`'-' * 3`). */
export function pyMul(left: unknown, right: unknown): unknown {
  requireDefined(left, right);
  const repeat = (seq: unknown, n: unknown): unknown => {
    const times = Math.max(0, Math.trunc(Number(n)));
    if (typeof seq === 'string' || seq instanceof String) return String(seq).repeat(times);
    return Array.from({ length: times }, () => seq as unknown[]).flat();
  };
  const isSeq = (v: unknown) => typeof v === 'string' || v instanceof String || Array.isArray(v);
  if (isSeq(left) && typeof right === 'number') return repeat(left, right);
  if (isSeq(right) && typeof left === 'number') return repeat(right, left);
  return (left as number) * (right as number);
}

/** Calling a method a value does not have, or a value that is not callable (`s.foo()`, `d.key()`). */
export class MethodCallError extends Error {
  static override readonly name = 'MethodCallError';
  override name = MethodCallError.name;
}

/** A method name looked up on a str, list or dict that has no such method or key, for the error on calling it. */
let lastMiss: { kind: string; name: string; methods: string[]; element?: boolean } | undefined;

/** The name of the last variable or attribute that was looked up and found undefined (Jinja's `_undefined_name`). */
let lastUndefinedName: string | undefined;

let installed = false;

const NO_VAULT_SECRETS =
  'Attempting to decrypt but no vault secrets found (give --vault-password-file, --vault-id or --ask-vault-pass)';

/** Returns and forgets the last attribute a str, list or dict did not have (for "undefined attribute" errors). */
export function takeMissedAttribute(): { kind: string; name: string; element?: boolean } | undefined {
  const miss = lastMiss;
  lastMiss = undefined;
  return miss;
}

/** Returns and forgets the name of the last variable or attribute found undefined (for `mandatory`'s message). */
export function takeUndefinedName(): string | undefined {
  const name = lastUndefinedName;
  lastUndefinedName = undefined;
  return name;
}

/**
 * Gives templates Python's semantics where Ansible playbooks rely on them, by patching nunjucks once:
 * `==`/`!=` compare lists and dicts by value (compiled to `runtime.pyCompare`), `in` tests membership by value,
 * and `.name` on a str, list or dict finds its Python method (`startswith`, `items` …) before anything else.
 * Calling a method that does not exist names the expression and the type instead of "undefined variable".
 */
export function installPythonSemantics(): void {
  if (installed) return;
  installed = true;
  const { runtime, compiler } = nunjucks as unknown as NunjucksInternals;
  const memberLookup = runtime.memberLookup;
  const callWrap = runtime.callWrap;

  const contextOrFrameLookup = runtime.contextOrFrameLookup;
  runtime.contextOrFrameLookup = (context, frame, name) => {
    const value = contextOrFrameLookup(context, frame, name);
    if (value === undefined) lastUndefinedName = name;
    return value;
  };
  runtime.memberLookup = (obj, name) => {
    const value = lookupMember(obj, name);
    if (value === undefined && typeof name === 'string') lastUndefinedName = name;
    return value;
  };
  const lookupMember = (vaulted: unknown, name: unknown) => {
    // a vaulted value that may be decrypted is its plaintext here (`secret.upper()`, `secret[0]`)
    const obj = asText(vaulted);
    const table = methodTable(obj);
    if (!table) return memberLookup(obj, name);
    if (typeof name !== 'string' || (table.kind !== 'dict' && /^-?\d+$/.test(name))) {
      const item = memberLookup(obj, name);
      // Jinja2's words for a missing index: `list object has no element 3`
      if (item === undefined && (typeof name === 'number' || typeof name === 'string'))
        lastMiss = { kind: table.kind, name: String(name), methods: [], element: true };
      return item;
    }
    const method = pythonMethod(obj, name);
    if (method) return method;
    if (table.kind === 'dict' && dictHas(obj as object, name)) return memberLookup(obj, name);
    lastMiss = { kind: table.kind, name, methods: Object.keys(table.methods) };
    return undefined;
  };

  runtime.callWrap = (obj, name, context, args) => {
    const miss = lastMiss;
    lastMiss = undefined;
    if (typeof obj !== 'function') {
      const expression = `${name.replace(/\["([^"]*)"\]/g, '.$1')}()`;
      if (miss && name.endsWith(`["${miss.name}"]`))
        throw new MethodCallError(
          `\`${expression}\`: ${article(miss.kind)} has no method ${miss.kind === 'dict' ? 'or key ' : ''}\`${miss.name}\` (supported ${miss.kind} methods: ${miss.methods.join(', ')})`,
        );
      if (obj !== undefined && obj !== null)
        throw new MethodCallError(`\`${expression}\` is not callable: it is ${typeName(obj)}`);
    }
    return callWrap(obj, name, context, args);
  };

  // `x in missing` is an undefined variable, as Jinja2's strict Undefined raises, not a type error.
  runtime.inOperator = (needle, haystack) => {
    requireDefined(needle, haystack);
    return pyIn(asText(needle), asText(haystack));
  };
  // A comparison with an undefined operand (`missing == 'x'`) fails, as Jinja2's strict Undefined raises.
  runtime.pyCompare = (...operands) => {
    // operands alternate value, operator, value …: only the values are checked
    for (let i = 0; i < operands.length; i += 2) if (operands[i] === undefined) throw new Error('undefined');
    return pyCompare(...(operands.map(asText) as Parameters<typeof pyCompare>));
  };
  // `{{ none }}` prints nothing, as Ansible's finalize does; only an undefined value is an error.
  const ensureDefined = runtime.ensureDefined;
  runtime.ensureDefined = (value, lineno, colno) =>
    value === null ? '' : ensureDefined(value, lineno, colno);
  // A list, dict or boolean printed in text reads as Python prints it (`['a', 2]`, `True`).
  const suppressValue = runtime.suppressValue;
  runtime.suppressValue = (vaulted, autoescape) => {
    const value = asText(vaulted);
    // a list or dict holding an undefined value cannot be output, as Ansible's finalize refuses it
    if (holdsUndefined(value)) throw new Error('undefined');
    // a vaulted value kept encrypted (no vault secret) cannot be output as text
    if (isVaulted(value)) throw new Error(NO_VAULT_SECRETS);
    return suppressValue(needsRepr(value) ? pyRepr(value) : value, autoescape);
  };
  runtime.pyConcat = (left, right) => {
    requireDefined(left, right);
    return pyStr(asText(left) ?? '') + pyStr(asText(right) ?? '');
  };
  runtime.pyTruth = (value) => pyTruth(asText(value));
  runtime.pyAdd = (left, right) => pyAdd(asText(left), asText(right));
  runtime.pyMul = (left, right) => pyMul(asText(left), asText(right));
  runtime.pyOr = (left, right) => (pyTruth(left) ? left : right());
  runtime.pyAnd = (left, right) => (pyTruth(left) ? right() : left);

  const proto = compiler.Compiler.prototype;
  const call = (name: string) =>
    function (this: typeof proto, node: BinaryNode, frame: unknown) {
      this._emit(`runtime.${name}(`);
      this.compile(node.left, frame);
      this._emit(', ');
      this.compile(node.right, frame);
      this._emit(')');
    };
  const lazy = (name: string) =>
    function (this: typeof proto, node: BinaryNode, frame: unknown) {
      this._emit(`runtime.${name}(`);
      this.compile(node.left, frame);
      this._emit(', function() { return ');
      this.compile(node.right, frame);
      this._emit('; })');
    };
  proto.compileAdd = call('pyAdd');
  proto.compileMul = call('pyMul');
  proto.compileConcat = call('pyConcat');
  proto.compileOr = lazy('pyOr');
  proto.compileAnd = lazy('pyAnd');
  proto.compileNot = function (node, frame) {
    this._emit('!runtime.pyTruth(');
    this.compile(node.target, frame);
    this._emit(')');
  };
  proto.compileInlineIf = function (node, frame) {
    this._emit('(runtime.pyTruth(');
    this.compile(node.cond, frame);
    this._emit(') ? ');
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_ !== null) this.compile(node.else_, frame);
    else this._emit('""');
    this._emit(')');
  };
  const compileIf = proto.compileIf;
  const { Not } = (nunjucks as unknown as NunjucksInternals).nodes;
  proto.compileIf = function (node, frame, async) {
    // `{% if [] %}`: Python's truth, through not(not(cond)) (the compiler only accepts expression nodes there).
    const cond = new Not(node.lineno, node.colno, new Not(node.lineno, node.colno, node.cond));
    return compileIf.call(this, { ...node, cond } as typeof node, frame, async);
  };

  compiler.Compiler.prototype.compileCompare = function (node, frame) {
    this._emit('runtime.pyCompare(');
    this.compile(node.expr, frame);
    for (const op of node.ops) {
      this._emit(`, ${JSON.stringify(op.type)}, `);
      this.compile(op.expr, frame);
    }
    this._emit(')');
  };
}

function article(kind: string): string {
  return kind === 'string' ? 'a string' : `a ${kind}`;
}
