import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../runner/core/package-root.js';
import { median } from '../report.js';

/** `play --version` against `node -e 0`, paired and interleaved: the start-up cost of the CLI itself. */
export interface StartupFigures {
  playVersionS: number;
  nodeS: number;
  ratio: number;
}

function timed(argv: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Medians of `rounds` paired runs (node first, then play, alternating). */
export function measureStartup(rounds = 15): StartupFigures {
  const play = join(packageRoot(), 'bin', 'play');
  const node: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < rounds; i++) {
    node.push(timed([process.execPath, '-e', '0']));
    version.push(timed([process.execPath, play, '--version']));
  }
  const playVersionS = median(version);
  const nodeS = median(node);
  return { playVersionS, nodeS, ratio: playVersionS / nodeS };
}
