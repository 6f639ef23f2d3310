import { join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { findRegressions, readBaseline, reportRegressions } from './compare/baseline.js';
import { measureStartup } from './compare/startup.js';
import { report } from './report.js';

const ratios: Record<string, number> = {};

/** Prints a ratio figure and keeps it for the regression check against docs/benchmarks.md. */
export function reportRatio(name: string, figure: string, value: number): void {
  ratios[name] = value;
  report(figure, value, 'ratio');
}

/** Start-up of the CLI (`play --version` against `node -e 0`, paired runs). */
export async function benchStartup(): Promise<void> {
  const startup = measureStartup();
  report('startup.play_version_s', startup.playVersionS, 's');
  report('startup.node_s', startup.nodeS, 's');
  reportRatio('version_vs_node', 'startup.version_vs_node', startup.ratio);
}

/** Calls out every ratio of this run that is more than 20 % worse than the one docs/benchmarks.md records. */
export function checkRatios(): void {
  reportRegressions(findRegressions(ratios, readBaseline(join(packageRoot(), 'docs', 'benchmarks.md'))));
}
