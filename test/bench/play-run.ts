// One benchmark run of a playbook in a fresh process: prints {wallS, cpuS, peakRssMiB, exitCode, stats} as JSON.
import { compilePlaybook } from '../../dsl/index.js';
import { loadInventory } from '../../dsl/inventory/index.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';

const [playbook, inventoryFile] = process.argv.slice(2);
const started = process.hrtime.bigint();
const { inventory } = loadInventory([inventoryFile]);
const { graph, issues } = compilePlaybook(playbook, { inventory });
if (issues.some((i) => i.severity === 'error')) throw new Error(JSON.stringify(issues));
const outcome = await runPlaybook({
  graph,
  inventory,
  extraVars: {},
  check: false,
  diff: false,
  verbosity: 0,
  emit: () => {},
});
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    wallS: Number(process.hrtime.bigint() - started) / 1e9,
    cpuS: (cpu.user + cpu.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    exitCode: outcome.exitCode,
    stats: outcome.stats,
  }),
);
process.exit(0);
