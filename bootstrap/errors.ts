/** A call or message could not complete because the context that should answer is gone. */
export class ChannelError extends Error {
  override name = 'ChannelError';
  readonly kind = 'channel';
}

/** The phase of a connection attempt that failed, for diagnosable errors. */
export type ConnectPhase = 'spawn' | 'tcp' | 'auth' | 'hostkey' | 'bootstrap' | 'become' | 'timeout';

/** Starting a context failed: which host, in which phase, and the last lines the far side printed. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  readonly kind = 'connect';
  constructor(
    readonly phase: ConnectPhase,
    message: string,
    readonly lastOutput: string[] = [],
    readonly host?: string,
  ) {
    super(message);
  }
}
