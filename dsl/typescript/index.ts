import { assertModule } from '../../modules/assert.js';
import { blockinfileModule } from '../../modules/blockinfile.js';
import { commandTaskModule } from '../../modules/command/command.js';
import { copyModule } from '../../modules/copy/copy.js';
import { debugModule } from '../../modules/debug.js';
import { failModule } from '../../modules/fail.js';
import { fileModule } from '../../modules/file/file.js';
import { findModule } from '../../modules/find.js';
import { includeVarsModule } from '../../modules/include_vars.js';
import { lineinfileModule } from '../../modules/lineinfile/lineinfile.js';
import { pauseModule } from '../../modules/pause.js';
import { rawModule } from '../../modules/raw.js';
import { replaceModule } from '../../modules/replace.js';
import { setFactModule } from '../../modules/set_fact.js';
import { setupModule } from '../../modules/setup.js';
import { shellModule } from '../../modules/shell.js';
import { slurpModule } from '../../modules/slurp.js';
import { statModule } from '../../modules/stat.js';
import { templateModule } from '../../modules/template.js';
import { waitForModule } from '../../modules/wait_for.js';
import { moduleTask } from './builders.js';

export {
  type Block,
  block,
  moduleTask,
  type Play,
  play,
  playbook,
  type Task,
  type TaskKeywords,
} from './builders.js';

/** One typed builder per built-in module: `tasks.copy({ dest, content }, { notify: 'reload' })`. */
export const tasks = {
  assert: moduleTask(assertModule),
  blockinfile: moduleTask(blockinfileModule),
  command: moduleTask(commandTaskModule),
  copy: moduleTask(copyModule),
  debug: moduleTask(debugModule),
  fail: moduleTask(failModule),
  file: moduleTask(fileModule),
  find: moduleTask(findModule),
  include_vars: moduleTask(includeVarsModule),
  lineinfile: moduleTask(lineinfileModule),
  pause: moduleTask(pauseModule),
  raw: moduleTask(rawModule),
  replace: moduleTask(replaceModule),
  set_fact: moduleTask(setFactModule),
  setup: moduleTask(setupModule),
  shell: moduleTask(shellModule),
  slurp: moduleTask(slurpModule),
  stat: moduleTask(statModule),
  template: moduleTask(templateModule),
  wait_for: moduleTask(waitForModule),
};
