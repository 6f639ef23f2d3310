import { CallError, decode, encode } from './codec.js';
import { ChannelError } from './errors.js';
import { isDead } from './message.js';
import { Encoding } from './protocol.js';
import type { Router } from './router.js';

/**
 * Sends structured `data` to `handle` on `dst` and resolves with the decoded reply. A dead reply rejects with
 * ChannelError; a CallError reply rejects with it. The one request/reply primitive every caller uses.
 * With `boundMs`, a reply that does not come in time (lost, or withheld by a hostile peer) rejects with
 * ChannelError instead of waiting forever.
 */
export function request(
  router: Router,
  dst: number,
  handle: number,
  data: unknown,
  boundMs?: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const replyTo = router.addHandler(
      (reply) => {
        clearTimeout(timer);
        if (isDead(reply)) return reject(new ChannelError(reply.payload.toString('utf8')));
        let value: unknown;
        try {
          value = decode(reply.payload);
        } catch (error) {
          return reject(error);
        }
        if (value instanceof CallError) reject(value);
        else resolve(value);
      },
      { respondent: dst },
    );
    if (boundMs !== undefined)
      timer = setTimeout(() => {
        router.removeHandler(replyTo);
        reject(new ChannelError(`no reply from context ${dst} within ${Math.round(boundMs / 1000)} s`));
      }, boundMs);
    router.send({ dst, handle, replyTo, enc: Encoding.STRUCTURED, payload: encode(data) });
  });
}
