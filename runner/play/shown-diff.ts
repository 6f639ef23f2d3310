import type { ResultDiff } from '../report/events.js';

/**
 * The diff entries a result shows: Spindle's own entries as they are, and Ansible's diff (`{before, after,
 * before_header…}`, or a list of them) — which a registered result keeps as the module returned it, for
 * playbooks that read `result.diff.before.src` — turned into entries.
 */
export function shownDiff(diff: unknown): ResultDiff[] | undefined {
  const list = Array.isArray(diff) ? diff : diff && typeof diff === 'object' ? [diff] : [];
  const entries = list.flatMap((d: Record<string, unknown>): ResultDiff[] => {
    if (typeof d.kind === 'string' && typeof d.path === 'string') return [d as unknown as ResultDiff];
    if (d.before === undefined && d.after === undefined) return [];
    const text = (v: unknown) =>
      typeof v === 'string' ? v : v === undefined || v === null ? '' : `${JSON.stringify(v, null, 2)}\n`;
    const structured = typeof d.before === 'object' || typeof d.after === 'object';
    return [
      {
        path: String(d.after_header ?? d.before_header ?? ''),
        before: text(d.before),
        after: text(d.after),
        kind: structured ? 'attributes' : 'content',
      },
    ];
  });
  return entries.length > 0 ? entries : undefined;
}
