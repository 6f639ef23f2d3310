import type { CatalogEntry } from './catalog.js';

/** Command, package, service and controller-side modules (command, shell, apt, debug, …). */
export const systemModules: CatalogEntry[] = [];
