/** Log levels, in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** One log record as it travels (FORWARD_LOG) and reaches listeners on the master. */
export interface LogRecord {
  logger: string;
  level: LogLevel;
  message: string;
  contextId: number;
  contextName: string;
  time: number;
}

/** Longest message a forwarded record carries: FORWARD_LOG payloads are bounded (codec `payloadLimit`). */
export const MAX_LOG_MESSAGE = 64 * 1024;

/** The record as it may travel: a longer message is cut, saying how much was left out. */
export function boundedRecord(record: LogRecord): LogRecord {
  if (record.message.length <= MAX_LOG_MESSAGE) return record;
  const cut = record.message.length - MAX_LOG_MESSAGE;
  return {
    ...record,
    message: `${record.message.slice(0, MAX_LOG_MESSAGE)}… (${cut} more characters not shown)`,
  };
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warning: 30, error: 40 };

/** Where records go: the master's listeners, or FORWARD_LOG to the master from a remote context. */
export type LogSink = (record: LogRecord) => void;

/**
 * A named logger (`spindle`, `spindle.io`, …). Records below `threshold` are dropped where they are made, so
 * `spindle.io` frame tracing costs nothing unless enabled. Records made before a sink exists are buffered
 * and delivered when one is attached: nothing logged during boot is lost.
 */
export class Logger {
  private sink: LogSink | null = null;
  private buffered: LogRecord[] = [];

  constructor(
    readonly name: string,
    private readonly context: { id: number; name: string },
    public threshold: LogLevel = 'debug',
  ) {}

  /** Attaches the destination of records and flushes what was buffered. */
  attach(sink: LogSink): void {
    this.sink = sink;
    const pending = this.buffered;
    this.buffered = [];
    for (const record of pending) sink(record);
  }

  /** True when records at `level` would be emitted (guards expensive formatting). */
  enabled(level: LogLevel): boolean {
    return LEVELS[level] >= LEVELS[this.threshold];
  }

  /** Emits a record under this logger's name. */
  emit(level: LogLevel, message: string, loggerName = this.name): void {
    if (!this.enabled(level)) return;
    const record: LogRecord = {
      logger: loggerName,
      level,
      message,
      contextId: this.context.id,
      contextName: this.context.name,
      time: Date.now(),
    };
    if (this.sink === null) this.buffered.push(record);
    else this.sink(record);
  }

  debug(message: string): void {
    this.emit('debug', message);
  }
  info(message: string): void {
    this.emit('info', message);
  }
  warning(message: string): void {
    this.emit('warning', message);
  }
  error(message: string): void {
    this.emit('error', message);
  }

  /** A logger with another name sharing this one's sink and context (e.g. `spindle.io`). */
  child(name: string, threshold: LogLevel = this.threshold): Logger {
    const logger = new Logger(name, this.context, threshold);
    logger.attach((record) => this.forward(record));
    return logger;
  }

  private forward(record: LogRecord): void {
    if (this.sink === null) this.buffered.push(record);
    else this.sink(record);
  }
}
