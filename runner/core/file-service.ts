import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Message } from '../../bootstrap/message.js';
import { type FetchRequest, readFetchRequest } from '../../bootstrap/payloads.js';
import { CHUNK_SIZE, Encoding, TRANSFER_WINDOW } from '../../bootstrap/protocol.js';
import type { Router } from '../../bootstrap/router.js';
import type { Service } from '../../bootstrap/services.js';

/**
 * The master's file service (DESIGN.md §4.8): streams an offered file to a context in CHUNK_SIZE raw frames
 * under a credit window (the receiver acknowledges each chunk once consumed; never more than the window is in
 * flight), so a 1 GiB copy uses bounded memory at every hop. Only files the controller offered can be fetched.
 */
export class FileService {
  private readonly offered = new Set<string>();

  constructor(private readonly router: Router) {}

  /** Allows contexts to fetch `path` (the runner offers a task's `src` files). */
  offer(path: string): void {
    this.offered.add(resolve(path));
  }

  /** The service definition registered under the name `file`. */
  service(): Service {
    return { fetch: { policy: 'any', fn: (args, message) => this.fetch(readFetchRequest(args), message) } };
  }

  private async fetch(args: FetchRequest, message: Message): Promise<{ size: number }> {
    const path = resolve(args.path);
    if (!this.offered.has(path)) throw new Error(`file service: ${path} was not offered to contexts`);
    const receiver = message.src;
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
