import { basename } from 'node:path';
import { builtinEntries } from '../../modules/registry.js';

/**
 * The module table of docs/modules.md, generated from the registry (modules/registry.ts): the name links to the module's page
 * (docs/modules/<name>.md) and lists its aliases, then where it runs, idempotence, summary and source file.
 */
export function moduleTable(): string {
  const rows = builtinEntries.map(([, { definition, file }]) => {
    const aliases = (definition.aliases ?? []).map((alias) => `\`${alias}\``).join(', ');
    const name = `[\`${definition.name}\`](modules/${definition.name}.md)${aliases ? ` (alias ${aliases})` : ''}`;
    const idempotent = definition.idempotent ? 'yes' : 'no';
    return `| ${name} | ${definition.runsOn} | ${idempotent} | ${definition.summary} | [${basename(file)}](../${file}) |`;
  });
  return ['| module | runs on | idempotent | what it does | source |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}
