// One benchmark run of `play` exactly as bin/play runs it (the bundled dist/play.mjs, in this process, with the
// arguments given), so the figures include start-up, loading and compiling. On exit it writes
// {wallS, cpuS, peakRssMiB, exitCode} as JSON to the file named by SPINDLE_BENCH_FIGURES.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../runner/core/package-root.js';

const figures = process.env.SPINDLE_BENCH_FIGURES;
if (!figures) throw new Error('play-run: set SPINDLE_BENCH_FIGURES to the file for the figures');
process.on('exit', (code) => {
  const cpu = process.cpuUsage();
  writeFileSync(
    figures,
    JSON.stringify({
      // performance.now() counts from the start of this process.
      wallS: performance.now() / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      exitCode: code,
    }),
  );
});
await import(pathToFileURL(join(packageRoot(), 'dist', 'play.mjs')).href);
