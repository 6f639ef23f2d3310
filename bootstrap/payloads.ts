import { CallError, decode } from './codec.js';
import type { LogLevel, LogRecord } from './log.js';
import { Handle } from './protocol.js';

/**
 * The typed wire: one payload type per well-known handle and one reader per handle that checks a decoded
 * payload's shape, so handlers get typed values without casts and a malformed frame fails with a PayloadError
 * naming the handle and the field (the router logs it; a request/reply handler answers with it).
 */

/** CALL_FUNCTION: which export of which shipped module to call, with what; `chain` groups calls that fail together. */
export interface CallRequest {
  chain?: string;
  module: string;
  export: string;
  args: unknown[];
}

/** One shipped module: CommonJS source keyed by name, with the names of the shipped modules it requires. */
export interface ModuleRecord {
  name: string;
  hash: string;
  source: string;
  imports: string[];
}

/** LOAD_MODULE (and GET_MODULE's reply) for a module the sender does not have. */
export interface MissingModule {
  name: string;
  missing: true;
}

/** ADD_ROUTE: a context now reachable through the sender. */
export interface RouteAdded {
  id: number;
  name: string;
}

/** DEL_ROUTE: a context no longer reachable. */
export interface RouteDeleted {
  id: number;
}

/** ALLOCATE_ID's reply: a block of context ids the asker may hand out. */
export interface IdBlock {
  start: number;
  end: number;
}

/** FORWARD_MODULE: send your cached copy of `name` on toward `target`. */
export interface ModuleForward {
  target: number;
  name: string;
}

/** CALL_SERVICE (and STUB_CALL_SERVICE): a service method and its argument. */
export interface ServiceCall {
  service: string;
  method: string;
  args: unknown;
}

/** The payload each well-known handle carries (`null` for the handles whose payload is ignored). */
export interface Payloads {
  [Handle.GET_MODULE]: string;
  [Handle.CALL_FUNCTION]: CallRequest;
  [Handle.FORWARD_LOG]: LogRecord;
  [Handle.ADD_ROUTE]: RouteAdded;
  [Handle.DEL_ROUTE]: RouteDeleted;
  [Handle.ALLOCATE_ID]: null;
  [Handle.SHUTDOWN]: null;
  [Handle.LOAD_MODULE]: ModuleRecord | MissingModule;
  [Handle.FORWARD_MODULE]: ModuleForward;
  [Handle.DETACHING]: null;
  [Handle.CALL_SERVICE]: ServiceCall;
  [Handle.STUB_CALL_SERVICE]: ServiceCall;
}

/** A handle that carries a structured payload (IS_DEAD is a `reply_to` marker with a text payload, not a handle). */
export type PayloadHandle = keyof Payloads;

/** A decoded payload whose shape does not match its handle. */
export class PayloadError extends Error {
  override name = 'PayloadError';
  readonly kind = 'payload';
  constructor(
    readonly what: string,
    expected: string,
    got: unknown,
  ) {
    super(`malformed ${what} payload: expected ${expected}, got ${describe(got)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value).slice(0, 40)}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** A service payload's mapping, or a PayloadError naming `what`. */
export function mapping(what: string, value: unknown): Record<string, unknown> {
  if (!isMapping(value)) throw new PayloadError(what, 'a mapping', value);
  return value;
}

/** A text field, or a PayloadError naming `what` and the field. */
export function text(what: string, fields: Record<string, unknown>, key: string): string {
  const value = fields[key];
  if (typeof value !== 'string') throw new PayloadError(what, `\`${key}\` as text`, value);
  return value;
}

/** An integer field, or a PayloadError naming `what` and the field. */
export function integer(what: string, fields: Record<string, unknown>, key: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new PayloadError(what, `\`${key}\` as an integer`, value);
  return value;
}

/** A list-of-text field, or a PayloadError naming `what` and the field. */
export function textList(what: string, fields: Record<string, unknown>, key: string): string[] {
  const value = fields[key];
  if (!Array.isArray(value)) throw new PayloadError(what, `\`${key}\` as a list`, value);
  return value.map((item) => {
    if (typeof item !== 'string') throw new PayloadError(what, `\`${key}\` as a list of text`, item);
    return item;
  });
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warning', 'error'];

function level(what: string, fields: Record<string, unknown>): LogLevel {
  const found = LEVELS.find((l) => l === fields.level);
  if (found === undefined)
    throw new PayloadError(what, '`level` as debug, info, warning or error', fields.level);
  return found;
}

function serviceCall(what: string, value: unknown): ServiceCall {
  const m = mapping(what, value);
  return { service: text(what, m, 'service'), method: text(what, m, 'method'), args: m.args };
}

/** Reads a module record, or a "missing" answer. */
function moduleRecord(what: string, value: unknown): ModuleRecord | MissingModule {
  const m = mapping(what, value);
  const name = text(what, m, 'name');
  if (m.missing === true) return { name, missing: true };
  return {
    name,
    hash: text(what, m, 'hash'),
    source: text(what, m, 'source'),
    imports: textList(what, m, 'imports'),
  };
}

const ignored = (): null => null;

/** The reader of each handle's payload. */
const READERS: { [H in PayloadHandle]: (value: unknown) => Payloads[H] } = {
  [Handle.GET_MODULE]: (value) => {
    if (typeof value !== 'string') throw new PayloadError('GET_MODULE', 'a module name', value);
    return value;
  },
  [Handle.CALL_FUNCTION]: (value) => {
    const m = mapping('CALL_FUNCTION', value);
    const args = m.args;
    if (!Array.isArray(args)) throw new PayloadError('CALL_FUNCTION', '`args` as a list', args);
    const call: CallRequest = {
      module: text('CALL_FUNCTION', m, 'module'),
      export: text('CALL_FUNCTION', m, 'export'),
      args,
    };
    if (m.chain !== undefined && m.chain !== null) call.chain = text('CALL_FUNCTION', m, 'chain');
    return call;
  },
  [Handle.FORWARD_LOG]: (value) => {
    const m = mapping('FORWARD_LOG', value);
    return {
      logger: text('FORWARD_LOG', m, 'logger'),
      level: level('FORWARD_LOG', m),
      message: text('FORWARD_LOG', m, 'message'),
      contextId: integer('FORWARD_LOG', m, 'contextId'),
      contextName: text('FORWARD_LOG', m, 'contextName'),
      time: integer('FORWARD_LOG', m, 'time'),
    };
  },
  [Handle.ADD_ROUTE]: (value) => {
    const m = mapping('ADD_ROUTE', value);
    return { id: integer('ADD_ROUTE', m, 'id'), name: text('ADD_ROUTE', m, 'name') };
  },
  [Handle.DEL_ROUTE]: (value) => ({ id: integer('DEL_ROUTE', mapping('DEL_ROUTE', value), 'id') }),
  [Handle.ALLOCATE_ID]: ignored,
  [Handle.SHUTDOWN]: ignored,
  [Handle.LOAD_MODULE]: (value) => moduleRecord('LOAD_MODULE', value),
  [Handle.FORWARD_MODULE]: (value) => {
    const m = mapping('FORWARD_MODULE', value);
    return { target: integer('FORWARD_MODULE', m, 'target'), name: text('FORWARD_MODULE', m, 'name') };
  },
  [Handle.DETACHING]: ignored,
  [Handle.CALL_SERVICE]: (value) => serviceCall('CALL_SERVICE', value),
  [Handle.STUB_CALL_SERVICE]: (value) => serviceCall('STUB_CALL_SERVICE', value),
};

/** Decodes a well-known handle's payload into its type; throws PayloadError when the shape does not match. */
export function decodePayload<H extends PayloadHandle>(handle: H, payload: Buffer): Payloads[H] {
  return READERS[handle](decode(payload));
}

/** Reads the reply to GET_MODULE: a module record, or a "missing" answer. */
export function readModuleReply(value: unknown): ModuleRecord | MissingModule {
  return moduleRecord('GET_MODULE reply', value);
}

/** Reads the chains that failed on an executor (`[chain, CallError][]`), handed to the executor that follows. */
export function readFailedChains(value: unknown): Array<[string, CallError]> {
  if (!Array.isArray(value)) throw new PayloadError('failed chains', 'a list', value);
  return value.map((entry): [string, CallError] => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !(entry[1] instanceof CallError))
      throw new PayloadError('failed chains', '[chain, CallError] pairs', entry);
    return [entry[0], entry[1]];
  });
}

/** Reads the reply of the `file.fetch` service: how many bytes were sent. */
export function readFetchReply(value: unknown): { size: number } {
  return { size: integer('file.fetch reply', mapping('file.fetch reply', value), 'size') };
}

/** The argument of the master's `file.fetch` service (`runtime.receiveFile`): the path, and where chunks go. */
export interface FetchRequest {
  path: string;
  /** The receiver's handle for the raw chunk frames. */
  handle: number;
  /** The credit window the receiver asks for (the service caps it). */
  window?: number;
}

/** Reads the argument of `file.fetch`. */
export function readFetchRequest(value: unknown): FetchRequest {
  const m = mapping('file.fetch', value);
  const request: FetchRequest = {
    path: text('file.fetch', m, 'path'),
    handle: integer('file.fetch', m, 'handle'),
  };
  if (m.window !== undefined && m.window !== null) request.window = integer('file.fetch', m, 'window');
  return request;
}

/** A boolean field, or a PayloadError naming `what` and the field. */
export function flag(what: string, fields: Record<string, unknown>, key: string): boolean {
  const value = fields[key];
  if (typeof value !== 'boolean') throw new PayloadError(what, `\`${key}\` as a boolean`, value);
  return value;
}
