// `npm install` in the checkout builds dist/ (bin/play runs dist/play.mjs). `npm pack` and `npm publish` run
// `prepack`, which builds too, and npm runs `prepare` right after it: skip the second build there.
import { spawnSync } from 'node:child_process';

const command = process.env.npm_command;
if (command !== 'pack' && command !== 'publish') {
  const npm = process.env.npm_execpath;
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: true });
  process.exitCode = run.status ?? 1;
}
