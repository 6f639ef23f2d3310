import { blockinfileModule } from './blockinfile.js';
import type { CatalogEntry } from './catalog.js';
import { copyModule } from './copy/copy.js';
import { fetchModule } from './fetch.js';
import { fileModule } from './file/file.js';
import { findModule } from './find.js';
import { getUrlModule } from './get_url/get_url.js';
import { lineinfileModule } from './lineinfile/lineinfile.js';
import { replaceModule } from './replace.js';
import { slurpModule } from './slurp.js';
import { statModule } from './stat.js';
import { templateModule } from './template.js';
import { unarchiveModule } from './unarchive/unarchive.js';

/** File-family modules (file, copy, template, lineinfile, stat …). */
export const fileModules: CatalogEntry[] = [
  { definition: fileModule, file: 'modules/file/file.ts' },
  { definition: copyModule, file: 'modules/copy/copy.ts' },
  { definition: templateModule, file: 'modules/template.ts' },
  { definition: lineinfileModule, file: 'modules/lineinfile/lineinfile.ts' },
  { definition: statModule, file: 'modules/stat.ts' },
  { definition: blockinfileModule, file: 'modules/blockinfile.ts' },
  { definition: replaceModule, file: 'modules/replace.ts' },
  { definition: slurpModule, file: 'modules/slurp.ts' },
  { definition: findModule, file: 'modules/find.ts' },
  { definition: unarchiveModule, file: 'modules/unarchive/unarchive.ts' },
  { definition: getUrlModule, file: 'modules/get_url/get_url.ts' },
  { definition: fetchModule, file: 'modules/fetch.ts' },
] as CatalogEntry[];
