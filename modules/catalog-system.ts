import { aptModule } from './apt.js';
import { assertModule } from './assert.js';
import type { CatalogEntry } from './catalog.js';
import { commandTaskModule } from './command/command.js';
import { cronModule } from './cron/cron.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { gitModule } from './git/git.js';
import { groupModule } from './group.js';
import { includeVarsModule } from './include_vars.js';
import { pauseModule } from './pause.js';
import { pingModule } from './ping.js';
import { rawModule } from './raw.js';
import { scriptModule } from './script.js';
import { serviceModule } from './service.js';
import { setFactModule } from './set_fact.js';
import { setupModule } from './setup.js';
import { shellModule } from './shell.js';
import { uriModule } from './uri/uri.js';
import { userModule } from './user.js';
import { waitForModule } from './wait_for.js';

/** Command and controller-side modules (command, shell, debug, set_fact …). */
export const systemModules: CatalogEntry[] = [
  { definition: commandTaskModule, file: 'modules/command/command.ts' },
  { definition: shellModule, file: 'modules/shell.ts' },
  { definition: debugModule, file: 'modules/debug.ts' },
  { definition: setFactModule, file: 'modules/set_fact.ts' },
  { definition: setupModule, file: 'modules/setup.ts' },
  { definition: assertModule, file: 'modules/assert.ts' },
  { definition: failModule, file: 'modules/fail.ts' },
  { definition: pauseModule, file: 'modules/pause.ts' },
  { definition: includeVarsModule, file: 'modules/include_vars.ts' },
  { definition: rawModule, file: 'modules/raw.ts' },
  { definition: scriptModule, file: 'modules/script.ts' },
  { definition: waitForModule, file: 'modules/wait_for.ts' },
  { definition: aptModule, file: 'modules/apt.ts' },
  { definition: serviceModule, file: 'modules/service.ts' },
  { definition: userModule, file: 'modules/user.ts' },
  { definition: groupModule, file: 'modules/group.ts' },
  { definition: gitModule, file: 'modules/git/git.ts' },
  { definition: uriModule, file: 'modules/uri/uri.ts' },
  { definition: pingModule, file: 'modules/ping.ts' },
  { definition: cronModule, file: 'modules/cron/cron.ts' },
] as CatalogEntry[];
