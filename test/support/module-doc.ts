import type { z } from 'zod';

/** How a page's example may run: for real (twice), or only in check mode (system modules, network). */
export type ExampleMode = 'run' | 'check';

/** A file the example needs next to its playbook (a template, a vars file), written by the harness. */
export interface ExampleFile {
  /** Path relative to the playbook's directory, e.g. `templates/motd.j2`. */
  path: string;
  content: string;
}

/** One row of a page's `## Arguments` table: the argument and the aliases written beside it. */
export interface DocumentedArgument {
  name: string;
  aliases: string[];
}

/** What a docs/modules/<name>.md page holds, parsed: what the example harness and the checks need. */
export interface ModuleDoc {
  title: string;
  /** `## Heading` → the text under it, up to the next `## `. */
  sections: Map<string, string>;
  arguments: DocumentedArgument[];
  example?: { mode: ExampleMode; yaml: string };
  files: ExampleFile[];
}

const FENCE = /```[\w-]*\n([\s\S]*?)\n```/;

/**
 * Parses a module page in the format of docs/modules.md ("Per-module pages"): `# \`name\``, `## Arguments`
 * (a table whose first column starts with the argument in backticks, then aliases), `## Returns`, `## Example`
 * (`<!-- example: run|check -->` then a yaml block), and optional `<!-- file: PATH -->` blocks.
 */
export function parseModuleDoc(text: string): ModuleDoc {
  const title = text.split('\n', 1)[0];
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  const rows = (sections.get('Arguments') ?? '')
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(argument|-+)\s*\|/.test(line));
  const args = rows.flatMap((row) => {
    const names = [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    return names.length > 0 ? [{ name: names[0], aliases: names.slice(1) }] : [];
  });
  const marker = /<!-- example: (run|check) -->\s*\n/.exec(text);
  const block = marker ? FENCE.exec(text.slice(marker.index + marker[0].length)) : null;
  const example =
    marker && block && text.slice(marker.index + marker[0].length).startsWith('```yaml')
      ? { mode: marker[1] as ExampleMode, yaml: block[1] }
      : undefined;
  const files = [...text.matchAll(/<!-- file: (\S+) -->\s*\n/g)].flatMap((m) => {
    const fenced = FENCE.exec(text.slice((m.index ?? 0) + m[0].length));
    return fenced ? [{ path: m[1], content: `${fenced[1]}\n` }] : [];
  });
  return { title, sections, arguments: args, example, files };
}

/**
 * The top-level argument names of a module's zod schema, minus `_`-prefixed ones the runner fills in
 * (`_src_path`, `_content`). Alias wrappers (`withAliases`, a pipe) are looked through; a record schema
 * (`set_fact`: any name) has none.
 */
export function schemaArguments(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'pipe') {
    const fromOut = schemaArguments(def.out as z.ZodType);
    return fromOut.length > 0 ? fromOut : schemaArguments(def.in as z.ZodType);
  }
  if (def.type === 'object') return Object.keys(def.shape as object).filter((key) => !key.startsWith('_'));
  return [];
}
