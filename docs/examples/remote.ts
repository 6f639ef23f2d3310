import { hostname } from 'node:os';
import { getRuntime } from '../../bootstrap/runtime-api.js';

/** Runs in the remote context: returns where it runs. */
export function whereAmI(): { host: string; pid: number; context: string } {
  return { host: hostname(), pid: process.pid, context: getRuntime()?.name ?? '?' };
}

/** Runs in the remote context: adds numbers, logging through the bus. */
export function add(a: number, b: number): number {
  getRuntime()?.log('spindle.example', 'info', `adding ${a} and ${b}`);
  return a + b;
}

/** Runs in the remote context: fails on purpose. */
export function explode(): never {
  throw new RangeError('out of range');
}
