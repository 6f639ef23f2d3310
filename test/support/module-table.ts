import { basename } from 'node:path';
import { moduleCatalog } from '../../modules/catalog.js';

/**
 * The module table of docs/modules.md, generated from the catalogue: the name links to the module's page
 * (docs/modules/<name>.md) and lists its aliases, then where it runs, idempotence, summary and source file.
 */
export function moduleTable(): string {
  const rows = [...moduleCatalog.values()]
    .sort((a, b) => a.definition.name.localeCompare(b.definition.name))
    .map(({ definition, file }) => {
      const aliases = (definition.aliases ?? []).map((alias) => `\`${alias}\``).join(', ');
      const name = `[\`${definition.name}\`](modules/${definition.name}.md)${aliases ? ` (alias ${aliases})` : ''}`;
      const idempotent = definition.idempotent ? 'yes' : 'no';
      return `| ${name} | ${definition.runsOn} | ${idempotent} | ${definition.summary} | [${basename(file)}](../${file}) |`;
    });
  return ['| module | runs on | idempotent | what it does | source |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}
