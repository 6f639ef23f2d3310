import { existsSync, readFileSync } from 'node:fs';

const MARKER = /<!-- bench-ratios: (\{.*\}) -->/;

/** Reads the ratios recorded in docs/benchmarks.md by the last comparison (empty when there are none). */
export function readBaseline(path: string): Record<string, number> {
  if (!existsSync(path)) return {};
  const found = MARKER.exec(readFileSync(path, 'utf8'));
  return found ? (JSON.parse(found[1]) as Record<string, number>) : {};
}

/** The HTML comment that records this run's ratios, for the next run to compare against. */
export function baselineComment(ratios: Record<string, number>): string {
  return `<!-- bench-ratios: ${JSON.stringify(ratios)} -->`;
}

/** A ratio that grew by more than `tolerance` (all ratios are lower-is-better) against the recorded one. */
export interface Regression {
  name: string;
  previous: number;
  current: number;
}

/** Compares this run's ratios with the recorded ones: more than 20 % worse is a regression to call out. */
export function findRegressions(
  current: Record<string, number>,
  previous: Record<string, number>,
  tolerance = 0.2,
): Regression[] {
  return Object.entries(current)
    .filter(([name, value]) => previous[name] !== undefined && value > previous[name] * (1 + tolerance))
    .map(([name, value]) => ({ name, previous: previous[name], current: value }));
}

/** Prints each regression as a JSON line (name `regression.<ratio>`) and a warning on stderr. */
export function reportRegressions(regressions: Regression[]): void {
  for (const r of regressions) {
    const percent = Math.round((r.current / r.previous - 1) * 100);
    process.stdout.write(`${JSON.stringify({ name: `regression.${r.name}`, value: percent, unit: '%' })}\n`);
    process.stderr.write(
      `REGRESSION: ${r.name} is ${r.current.toFixed(2)} against ${r.previous.toFixed(2)} in docs/benchmarks.md (+${percent} %)\n`,
    );
  }
}
