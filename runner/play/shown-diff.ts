import type { ResultDiff } from '../report/events.js';
import { pythonJson } from '../report/python-json.js';

/**
 * The diff entries a result shows: Spindle's own entries as they are, and Ansible's diff (`{before, after,
 * before_header…}`, or a list of them) — which a registered result keeps as the module returned it, for
 * playbooks that read `result.diff.before.src` — turned into entries (none when both sides are the same).
 */
export function shownDiff(diff: unknown): ResultDiff[] | undefined {
  const list = Array.isArray(diff) ? diff : diff && typeof diff === 'object' ? [diff] : [];
  const entries = list.flatMap((d: Record<string, unknown>): ResultDiff[] => {
    if (typeof d.kind === 'string' && typeof d.path === 'string') return [d as unknown as ResultDiff];
    if (d.before === undefined && d.after === undefined) return [];
    // A dict (file's `{path, state, mode…}`) is shown as Ansible's callback shows it: its JSON, keys sorted.
    const text = (v: unknown) =>
      typeof v === 'string' ? v : v === undefined || v === null ? '' : `${pythonJson(v, 4)}\n`;
    const before = text(d.before);
    const after = text(d.after);
    if (before === after) return [];
    return [{ path: String(d.after_header ?? d.before_header ?? ''), before, after, kind: 'content' }];
  });
  return entries.length > 0 ? entries : undefined;
}
