import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BuiltinEntry } from '../../../modules/registry.js';
import { packageRoot } from '../../core/package-root.js';

/** One module argument as `play doc` shows it: from the zod schema (type, default, choices) and the docs page. */
export interface OptionDoc {
  name: string;
  required: boolean;
  aliases: string[];
  type?: string;
  default?: string;
  choices?: unknown[];
  description: string;
}

/** A module's documentation: summary, the docs page's prose, options, return values and examples. */
export interface ModuleDoc {
  name: string;
  source: string;
  summary: string;
  description: string[];
  options: OptionDoc[];
  returns: string[];
  examples: string[];
}

/** The object schema inside a module's argument schema (aliases and coercion wrap it in pipes). */
function argumentObject(schema: z.ZodType): z.ZodType {
  let current: unknown = schema;
  for (let i = 0; i < 5; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def || def.shape) break;
    current = def.out ?? def.innerType ?? def.schema ?? current;
  }
  return current as z.ZodType;
}

/** The docs page's sections: prose before the first `##`, then each `## Title`'s lines. */
function sections(markdown: string): { intro: string[]; by: Map<string, string[]> } {
  const by = new Map<string, string[]>();
  const intro: string[] = [];
  let current = intro;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = [];
      by.set(heading[1].trim(), current);
    } else if (!line.startsWith('# ') && !line.startsWith('<!--')) current.push(line);
  }
  return { intro, by };
}

function paragraphs(lines: string[]): string[] {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll('\\|', '|'));
}

/** Builds a module's documentation from its registry entry and docs/modules/NAME.md (when shipped). */
export function moduleDoc(entry: BuiltinEntry): ModuleDoc {
  const name = entry.definition.name;
  const page = join(packageRoot(), 'docs', 'modules', `${name}.md`);
  const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const { intro, by } = sections(markdown);
  const table = new Map<string, { aliases: string[]; default: string; meaning: string }>();
  for (const row of (by.get('Arguments') ?? []).filter((l) => l.startsWith('| `'))) {
    const [argument, fallback, meaning] = cells(row);
    const names = [...argument.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    table.set(names[0], { aliases: names.slice(1), default: fallback, meaning });
  }
  const schema = z.toJSONSchema(argumentObject(entry.definition.args), {
    unrepresentable: 'any',
    io: 'input',
  }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  const options: OptionDoc[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (key.startsWith('_')) continue;
    const row = table.get(key);
    const fallback = prop.default !== undefined ? JSON.stringify(prop.default) : row?.default;
    options.push({
      name: key,
      required: (schema.required ?? []).includes(key) || row?.default === 'required',
      aliases: row?.aliases ?? [],
      type: typeName(prop),
      default:
        fallback && fallback !== 'required' && fallback !== '—'
          ? fallback.replace(/^`(.*)`$/, '$1')
          : undefined,
      choices: Array.isArray(prop.enum) ? prop.enum : undefined,
      description: row?.meaning ?? '',
    });
  }
  options.sort((a, b) => a.name.localeCompare(b.name));
  const examples = (by.get('Example') ?? by.get('Examples') ?? []).join('\n');
  return {
    name,
    source: existsSync(page) ? `docs/modules/${name}.md` : entry.file,
    summary: entry.definition.summary,
    description: paragraphs(intro),
    options,
    returns: (by.get('Returns') ?? []).filter((l) => l.startsWith('- ')).map((l) => l.slice(2)),
    examples: [...examples.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd()),
  };
}

function typeName(prop: Record<string, unknown>): string | undefined {
  const names: Record<string, string> = {
    string: 'str',
    boolean: 'bool',
    integer: 'int',
    number: 'float',
    array: 'list',
    object: 'dict',
  };
  if (typeof prop.type === 'string') return names[prop.type] ?? prop.type;
  if (Array.isArray(prop.enum)) return 'str';
  const variants = (prop.anyOf ?? prop.oneOf) as Array<Record<string, unknown>> | undefined;
  if (!variants) return undefined;
  const types = [...new Set(variants.map(typeName).filter(Boolean))];
  return types.length === 1 ? types[0] : 'raw';
}
