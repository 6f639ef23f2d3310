/**
 * Wire-protocol constants (DESIGN.md §4). `test/bootstrap/protocol.test.ts` checks these values, and the payload
 * written beside each handle, against the frame and handle tables of docs/how-it-works.md, so they cannot drift.
 * Each handle's payload type and reader are in `payloads.ts`.
 */

/** First byte of every frame (`S`); anything else means the stream is corrupt and is disconnected. */
export const MAGIC = 0x53;
/** Size of the fixed frame header: magic, enc, dst_id, src_id, auth_id, handle, reply_to, length. */
export const HEADER_SIZE = 26;

/** Payload encodings (header byte 1). */
export const Encoding = {
  /** The structured codec of `codec.ts`. */
  STRUCTURED: 1,
  /** Raw bytes (bulk data such as file chunks). */
  RAW: 2,
  /** UTF-8 text (dead-message reasons, log lines). */
  TEXT: 3,
} as const;

/** Well-known handles (DESIGN.md §4.2, docs/how-it-works.md §7). Dynamic handles start at FIRST_DYNAMIC_HANDLE. */
export const Handle = {
  /** child → parent, hop by hop: the module name; each hop answers from its cache or asks upward once. */
  GET_MODULE: 100,
  /** ancestor → context: `{chain?, module, export, args}`; reply: the return value or a CallError. */
  CALL_FUNCTION: 101,
  /** any → master: `{logger, level, message, contextId, contextName, time}`, to `master.onLog` listeners. */
  FORWARD_LOG: 102,
  /** child → parent, propagated up: `{id, name}`; also the child's ready frame at boot. */
  ADD_ROUTE: 103,
  /** up, and down to interested streams: `{id}`. */
  DEL_ROUTE: 104,
  /** child → master: empty; reply `{start, end}` (blocks of ID_BLOCK_SIZE). */
  ALLOCATE_ID: 105,
  /** parent → child: empty; the child shuts its children down, flushes logs, exits. */
  SHUTDOWN: 106,
  /** parent → child: `{name, hash, source, imports}` or `{name, missing: true}`. */
  LOAD_MODULE: 107,
  /** master → intermediate: `{target, name}`: send your cached copy on toward `target`. */
  FORWARD_MODULE: 108,
  /** child → parent: empty; "my coming disconnect is deliberate". */
  DETACHING: 109,
  /** any → context: `{service, method, args}`; each method declares who may call it. */
  CALL_SERVICE: 110,
  /** local only: starts the service pool lazily on the first CALL_SERVICE. */
  STUB_CALL_SERVICE: 111,
  /** Value of `reply_to` marking a dead message; the payload (text) says why. */
  IS_DEAD: 999,
} as const;

/** The value of `reply_to` that marks a dead message (disconnection or undeliverable). */
export const IS_DEAD = Handle.IS_DEAD;
/** Handles below this are well-known; `Router.addHandler` allocates from here up. */
export const FIRST_DYNAMIC_HANDLE = 1000;
/** Context ids are handed out by the master in blocks of this size (ALLOCATE_ID). */
export const ID_BLOCK_SIZE = 1000;
/** The master's context id. */
export const MASTER_ID = 0;

/**
 * Read size per stream and file-transfer chunk: large enough to keep loop iterations per megabyte low, small
 * enough not to waste buffer memory per child.
 */
export const CHUNK_SIZE = 128 * 1024;
/** Messages larger than this are refused with a dead reply ("message too large"); children inherit it. */
export const DEFAULT_MAX_MESSAGE_SIZE = 128 * 1024 * 1024;
/** File transfers keep at most this many chunks unacknowledged in flight (the credit window). */
export const TRANSFER_WINDOW = 32;
/** Files up to this size ride inline in a call instead of streaming (zero extra round trips). */
export const INLINE_FILE_LIMIT = 124 * 1024;
