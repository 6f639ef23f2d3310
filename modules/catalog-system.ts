import type { CatalogEntry } from './catalog.js';
import { commandTaskModule } from './command.js';
import { debugModule } from './debug.js';
import { setFactModule } from './set_fact.js';
import { setupModule } from './setup.js';
import { shellModule } from './shell.js';

/** Command and controller-side modules (command, shell, debug, set_fact …). */
export const systemModules: CatalogEntry[] = [
  { definition: commandTaskModule, file: 'modules/command.ts' },
  { definition: shellModule, file: 'modules/shell.ts' },
  { definition: debugModule, file: 'modules/debug.ts' },
  { definition: setFactModule, file: 'modules/set_fact.ts' },
  { definition: setupModule, file: 'modules/setup.ts' },
] as CatalogEntry[];
