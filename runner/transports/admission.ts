/**
 * Adaptive admission of new connections. Starting every host's SSH handshake and context boot at once makes
 * them queue behind the controller's own CPU (key exchange, bundle compression, one event loop), so late ones
 * time out although nothing is wrong with their hosts. This gate lets a bounded number of connects run at
 * once and adapts that number the way TCP adapts its window: it grows by one each time a connect completes
 * about as fast as the fastest ones seen (the controller keeps up), and shrinks by a quarter (at most once per
 * round of connects) when connects take much longer (the controller, or the network, is saturated). A
 * connect's own timeout starts when it is admitted, so waiting in this queue never counts against it.
 */
export class ConnectAdmission {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** The fastest connect seen (ms): the uncontended baseline. */
  private fastest = Number.POSITIVE_INFINITY;
  private lastShrink = Number.NEGATIVE_INFINITY;
  /** The current bound on connects in flight. */
  limit: number;

  constructor(
    private readonly options: { initial?: number; min?: number; max?: number } = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limit = options.initial ?? 8;
  }

  /** Runs `connect` once admitted; its duration (or failure) tunes the limit. */
  async run<T>(connect: () => Promise<T>): Promise<T> {
    await this.admit();
    const started = this.now();
    let ok = false;
    try {
      const value = await connect();
      ok = true;
      return value;
    } finally {
      this.finish(started, ok);
    }
  }

  private admit(): Promise<void> {
    if (this.inFlight < Math.floor(this.limit)) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.inFlight++;
        resolve();
      }),
    );
  }

  private finish(started: number, ok: boolean): void {
    this.inFlight--;
    const ended = this.now();
    const took = ended - started;
    const min = this.options.min ?? 2;
    const max = this.options.max ?? 512;
    if (ok) this.fastest = Math.min(this.fastest, took);
    const slow = !ok || took > 3 * this.fastest + 1000;
    if (!slow) this.limit = Math.min(max, this.limit + 1);
    else if (ended - this.lastShrink > took) {
      // Once per round: the connects already in flight started under the old limit.
      this.limit = Math.max(min, Math.floor(this.limit * 0.75));
      this.lastShrink = ended;
    }
    while (this.waiting.length > 0 && this.inFlight < Math.floor(this.limit)) this.waiting.shift()!();
  }
}
