import { moduleCatalog } from '../../modules/catalog.js';

/** The module table of docs/modules.md, generated from the catalogue (name, where it runs, idempotence, summary). */
export function moduleTable(): string {
  const rows = [...moduleCatalog.values()]
    .sort((a, b) => a.definition.name.localeCompare(b.definition.name))
    .map(
      ({ definition, file }) =>
        `| [\`${definition.name}\`](../${file}) | ${definition.runsOn} | ${definition.idempotent ? 'yes' : 'no'} | ${definition.summary} |`,
    );
  return ['| module | runs on | idempotent | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
