import nunjucks from 'nunjucks';
import { methodTable, pythonMethod } from './python-methods.js';
import { dictHas, pyCompare, pyIn, typeName } from './python-values.js';

/** The parts of nunjucks' runtime and compiler that are patched (not in its type declarations). */
interface NunjucksInternals {
  runtime: {
    memberLookup(obj: unknown, name: unknown): unknown;
    callWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown;
    inOperator(key: unknown, value: unknown): boolean;
    pyCompare?: typeof pyCompare;
  };
  compiler: {
    Compiler: {
      prototype: {
        compile(node: unknown, frame: unknown): void;
        _emit(code: string): void;
        compileCompare(
          node: { expr: unknown; ops: Array<{ type: string; expr: unknown }> },
          frame: unknown,
        ): void;
      };
    };
  };
}

/** Calling a method a value does not have, or a value that is not callable (`s.foo()`, `d.key()`). */
export class MethodCallError extends Error {
  static override readonly name = 'MethodCallError';
  override name = MethodCallError.name;
}

/** A method name looked up on a str, list or dict that has no such method or key, for the error on calling it. */
let lastMiss: { kind: string; name: string; methods: string[] } | undefined;

let installed = false;

/** Returns and forgets the last attribute a str, list or dict did not have (for "undefined attribute" errors). */
export function takeMissedAttribute(): { kind: string; name: string } | undefined {
  const miss = lastMiss;
  lastMiss = undefined;
  return miss;
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

  runtime.memberLookup = (obj, name) => {
    const table = methodTable(obj);
    if (!table || typeof name !== 'string') return memberLookup(obj, name);
    const method = pythonMethod(obj, name);
    if (method) return method;
    if (table.kind === 'dict' && dictHas(obj as object, name)) return memberLookup(obj, name);
    if (table.kind !== 'dict' && /^-?\d+$/.test(name)) return memberLookup(obj, name);
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

  runtime.inOperator = pyIn;
  runtime.pyCompare = pyCompare;

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
