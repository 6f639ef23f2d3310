import { createHash, randomInt } from 'node:crypto';

/**
 * Python's `random.Random(seed)` (CPython 3.11's Mersenne Twister, seeding, `randrange`, `choice` and `shuffle`),
 * so that `random(seed=…)` and `shuffle(seed=inventory_hostname)` pick what Ansible picks for the same seed.
 * Without a seed, Node's cryptographic generator stands in for Python's `SystemRandom`.
 */
export interface PyRandom {
  /** A random integer in [0, n). */
  below(n: number): number;
}

const N = 624;
const M = 397;

class MersenneTwister implements PyRandom {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  constructor(key: number[]) {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) mt[i] = (Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i) >>> 0;
    this.index = N;
  }

  private next32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `getrandbits(k)`: 32-bit words, least significant first, the last one cut to the bits left. */
  private bits(k: number): number {
    let value = 0;
    let scale = 1;
    for (let left = k; left > 0; left -= 32) {
      const word = left < 32 ? this.next32() >>> (32 - left) : this.next32();
      value += word * scale;
      scale *= 2 ** 32;
    }
    return value;
  }

  below(n: number): number {
    const k = n.toString(2).length;
    if (k > 53) throw new RangeError('random: ranges above 2**53 are not supported');
    let r = this.bits(k);
    while (r >= n) r = this.bits(k);
    return r;
  }
}

/** The 32-bit words (least significant first) CPython seeds its generator with for `seed`. */
function seedKey(seed: unknown): number[] {
  let value: bigint;
  if (typeof seed === 'string') {
    const bytes = Buffer.from(seed, 'utf8');
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    value = BigInt(`0x${all.toString('hex') || '0'}`);
  } else if (typeof seed === 'number' && Number.isInteger(seed)) value = BigInt(Math.abs(seed));
  else if (typeof seed === 'boolean') value = seed ? 1n : 0n;
  else throw new TypeError(`The only supported seed types are: None, int, float, str, bytes, and bytearray.`);
  const key: number[] = [];
  while (value > 0n) {
    key.push(Number(value & 0xffffffffn));
    value >>= 32n;
  }
  return key.length ? key : [0];
}

const system: PyRandom = { below: (n) => randomInt(n) };

/** `Random(seed)`, or the system generator when `seed` is None. */
export function pyRandom(seed: unknown): PyRandom {
  return seed === null || seed === undefined ? system : new MersenneTwister(seedKey(seed));
}

/** `randrange(start, stop, step)`. */
export function randrange(random: PyRandom, start: number, stop: number, step: number): number {
  const width = stop - start;
  if (step === 0) throw new RangeError('zero step for randrange()');
  const n =
    step === 1
      ? width
      : step > 0
        ? Math.floor((width + step - 1) / step)
        : Math.floor((width + step + 1) / step);
  if (n <= 0) throw new RangeError('empty range for randrange()');
  return start + step * random.below(n);
}

/** `shuffle(list)` in place, as CPython swaps. */
export function shuffle<T>(random: PyRandom, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
