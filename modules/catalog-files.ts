import type { CatalogEntry } from './catalog.js';

/** File-family modules (file, copy, template, lineinfile, …); owned by the file-modules work. */
export const fileModules: CatalogEntry[] = [];
