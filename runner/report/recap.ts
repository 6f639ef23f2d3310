import type { HostStats } from './events.js';
import type { Palette } from './palette.js';

/** The counters in the order Ansible prints them, with the label it uses. */
const COLUMNS: Array<[keyof HostStats, string]> = [
  ['ok', 'ok'],
  ['changed', 'changed'],
  ['unreachable', 'unreachable'],
  ['failed', 'failed'],
  ['skipped', 'skipped'],
  ['rescued', 'rescued'],
  ['ignored', 'ignored'],
];

/**
 * One PLAY RECAP line in Ansible's exact layout (`%-26s : ok=%-4s changed=%-4s …`, trailing spaces included):
 * scripts grep these lines, so the column widths are part of the interface. Colour, when on, wraps the padded
 * text so the visible layout is identical.
 */
export function recapLine(host: string, stats: HostStats, palette?: Palette): string {
  const name = host.padEnd(26);
  const hostText = !palette?.enabled
    ? name
    : stats.failed > 0 || stats.unreachable > 0
      ? palette.failed(name)
      : stats.changed > 0
        ? palette.changed(name)
        : palette.ok(name);
  const cells = COLUMNS.map(([key, label]) => {
    const cell = `${label}=${String(stats[key]).padEnd(4)}`;
    return palette?.enabled && stats[key] !== 0 ? colorFor(key, palette)(cell) : cell;
  });
  return `${hostText} : ${cells.join(' ')}`;
}

function colorFor(key: keyof HostStats, palette: Palette): (t: string) => string {
  if (key === 'ok' || key === 'rescued') return palette.ok;
  if (key === 'changed') return palette.changed;
  if (key === 'skipped') return palette.skipped;
  if (key === 'ignored') return palette.warning;
  return palette.failed;
}

/** Every host's recap line, hosts sorted by name like Ansible. */
export function recapLines(stats: Record<string, HostStats>, palette?: Palette): string[] {
  return Object.keys(stats)
    .sort()
    .map((host) => recapLine(host, stats[host], palette));
}

/** A zeroed counter set, for hosts that appear before their first result. */
export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}
