import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Message } from '../../bootstrap/message.js';
import { CHUNK_SIZE, Encoding, TRANSFER_WINDOW } from '../../bootstrap/protocol.js';
import type { Router } from '../../bootstrap/router.js';
import type { Service } from '../../bootstrap/services.js';

/** What a context sends to start a transfer (`runtime.receiveFile`). */
interface FetchArgs {
  path: string;
  /** The receiver's handle for the raw chunk frames. */
  handle: number;
  window?: number;
}

/**
 * The master's file service (DESIGN.md §4.8): streams an offered file to a context in CHUNK_SIZE raw frames
 * under a credit window (the receiver acknowledges each chunk once consumed; never more than the window is in
 * flight), so a 1 GiB copy uses bounded memory at every hop. A file is offered to one receiving context, for
 * as long as the task that needs it runs: only that context can fetch it, and only meanwhile, so a
 * compromised host cannot read files meant for another host.
 */
export class FileService {
  /** Offered paths per receiving context id, each with the number of live offers (parallel loop items). */
  private readonly offers = new Map<number, Map<string, number>>();

  constructor(private readonly router: Router) {}

  /** Allows context `receiver` to fetch `path` until the returned function withdraws the offer. */
  offer(path: string, receiver: number): () => void {
    const full = resolve(path);
    let paths = this.offers.get(receiver);
    if (paths === undefined) {
      paths = new Map();
      this.offers.set(receiver, paths);
    }
    paths.set(full, (paths.get(full) ?? 0) + 1);
    let withdrawn = false;
    return () => {
      if (withdrawn) return;
      withdrawn = true;
      const count = (paths.get(full) ?? 1) - 1;
      if (count > 0) paths.set(full, count);
      else paths.delete(full);
      if (paths.size === 0 && this.offers.get(receiver) === paths) this.offers.delete(receiver);
    };
  }

  /** Whether `path` is offered to `receiver` right now. */
  isOffered(path: string, receiver: number): boolean {
    return this.offers.get(receiver)?.has(resolve(path)) ?? false;
  }

  /** The service definition registered under the name `file`. */
  service(): Service {
    return { fetch: { policy: 'any', fn: (args, message) => this.fetch(args as FetchArgs, message) } };
  }

  private async fetch(args: FetchArgs, message: Message): Promise<{ size: number }> {
    const receiver = message.src;
    if (typeof args?.path !== 'string' || typeof args.handle !== 'number')
      throw new Error('file service: fetch needs {path, handle}');
    const path = resolve(args.path);
    // The requester must be the context the file was offered to (router source verification vouches for src).
    if (!this.isOffered(path, receiver))
      throw new Error(`file service: ${path} was not offered to context ${receiver}`);
    const window = Math.max(1, Math.min(args.window ?? TRANSFER_WINDOW, 64));
    const file = await open(path, 'r');
    let credits = window;
    let wake: (() => void) | null = null;
    let lost: string | null = null;
    const ackHandle = this.router.addHandler(
      (ack) => {
        if (ack.replyTo === 999) lost = ack.payload.toString();
        else if (ack.src === receiver) credits++;
        wake?.();
      },
      { persist: true, respondent: receiver },
    );
    const send = (payload: Buffer) =>
      this.router.send({
        dst: receiver,
        handle: args.handle,
        replyTo: ackHandle,
        enc: Encoding.RAW,
        payload,
      });
    try {
      let size = 0;
      for (;;) {
        while (credits === 0 && lost === null) await new Promise<void>((r) => (wake = r));
        if (lost !== null) throw new Error(`file service: receiver lost: ${lost}`);
        const chunk = Buffer.allocUnsafe(CHUNK_SIZE);
        const { bytesRead } = await file.read(chunk, 0, CHUNK_SIZE, null);
        if (bytesRead === 0) break;
        credits--;
        size += bytesRead;
        send(bytesRead === CHUNK_SIZE ? chunk : chunk.subarray(0, bytesRead));
      }
      send(Buffer.alloc(0));
      while (credits < window && lost === null) await new Promise<void>((r) => (wake = r));
      return { size };
    } finally {
      this.router.removeHandler(ackHandle);
      await file.close();
    }
  }
}
