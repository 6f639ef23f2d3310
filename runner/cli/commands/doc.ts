import { suggest } from '../../../dsl/suggest.js';
import { builtinEntries, builtinEntry, findBuiltin } from '../../../modules/registry.js';
import { OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import type { FlagSpec } from '../flags.js';
import { parseArgs } from '../parse-args.js';
import { type ModuleDoc, moduleDoc } from './module-doc.js';
import type { ToolInput } from './tool.js';
import { HELP_FLAG, toolHelp } from './tool-flags.js';

const FLAGS: FlagSpec[] = [
  { key: 'list', long: 'list', short: 'l', kind: 'boolean', help: 'list the modules with their summaries' },
  { key: 'json', long: 'json', short: 'j', kind: 'boolean', help: 'the documentation as JSON' },
  HELP_FLAG,
];

const USAGE = ['play doc MODULE [MODULE …]', 'play doc -l'];
const WIDTH = 80;
const INDENT = '        ';

/**
 * `play doc`, like `ansible-doc`: a module's synopsis, options (`=` mandatory, `-` optional, with type, default,
 * choices and aliases), return values and examples, from the module's schema and its docs/modules page.
 * `-l` lists the modules. An unknown module exits 1 with a suggestion.
 */
export async function runTool(input: ToolInput, io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(input.argv, FLAGS);
  if (options.help) {
    io.stdout.write(toolHelp(USAGE, FLAGS));
    return 0;
  }
  if (options.list) {
    const names = builtinEntries.map(([name]) => name);
    const width = Math.max(...names.map((n) => `ansible.builtin.${n}`.length));
    for (const name of names) {
      const summary = builtinEntry(name)?.definition.summary ?? '';
      io.stdout.write(`${`ansible.builtin.${name}`.padEnd(width)} ${summary}\n`);
    }
    return 0;
  }
  if (positionals.length === 0)
    throw new OptionError('play doc', 'name a module (`play doc copy`), or list them with `play doc -l`');
  const docs: ModuleDoc[] = [];
  for (const written of positionals) {
    const entry = findBuiltin(written);
    if (!entry) {
      const short = written.replace(/^(ansible\.builtin|ansible\.legacy|spindle)\./, '');
      const close = suggest(
        short,
        builtinEntries.map(([name]) => name),
      );
      io.stderr.write(
        `[WARNING]: module ${written} not found${close ? ` (did you mean \`${close}\`?)` : ''}; \`play doc -l\` lists the modules\n`,
      );
      return 1;
    }
    docs.push(moduleDoc(entry));
  }
  if (options.json) {
    const out = Object.fromEntries(docs.map((doc) => [`ansible.builtin.${doc.name}`, doc]));
    io.stdout.write(`${JSON.stringify(out, null, 4)}\n`);
    return 0;
  }
  io.stdout.write(docs.map(renderDoc).join('\n'));
  return 0;
}

/** The text page of one module, laid out like ansible-doc's. */
export function renderDoc(doc: ModuleDoc): string {
  const out: string[] = [`> ANSIBLE.BUILTIN.${doc.name.toUpperCase()}    (${doc.source})`, ''];
  for (const paragraph of [doc.summary, ...doc.description]) out.push(...wrap(paragraph, INDENT), '');
  out.push('OPTIONS (= is mandatory):', '');
  for (const option of doc.options) {
    out.push(`${option.required ? '=' : '-'} ${option.name}`);
    if (option.description) out.push(...wrap(option.description, INDENT));
    if (option.aliases.length) out.push(`${INDENT}aliases: [${option.aliases.join(', ')}]`);
    if (option.choices) out.push(`${INDENT}choices: [${option.choices.map(String).join(', ')}]`);
    if (option.default !== undefined) out.push(`${INDENT}default: ${option.default}`);
    if (option.type) out.push(`${INDENT}type: ${option.type}`);
    out.push('');
  }
  if (doc.examples.length) out.push('EXAMPLES:', '', ...doc.examples.flatMap((e) => [e, '']));
  if (doc.returns.length) {
    out.push('RETURN VALUES:', '');
    for (const line of doc.returns) out.push(...wrap(line, '  ', '- '));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function wrap(text: string, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() !== '' && line.length + word.length + 1 > WIDTH && line !== first) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += (line === indent || line === first ? '' : ' ') + word;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}
