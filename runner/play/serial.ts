import type { SerialSpec } from '../../dsl/graph.js';

/** Splits hosts into `serial` batches: numbers or percentages, the last size repeating (Ansible's rules). */
export function serialBatches<T>(hosts: T[], serial: SerialSpec | undefined): T[][] {
  if (!serial || serial.length === 0) return [hosts];
  const sizes = serial.map((s) => {
    const text = String(s);
    const size = text.endsWith('%')
      ? Math.floor((hosts.length * Number(text.slice(0, -1))) / 100)
      : Number(text);
    return Math.max(1, size || 1);
  });
  const batches: T[][] = [];
  let at = 0;
  for (let i = 0; at < hosts.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)];
    batches.push(hosts.slice(at, at + size));
    at += size;
  }
  return batches;
}
