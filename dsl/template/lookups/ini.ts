import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { LookupFailure, type LookupPlugin, locate } from './context.js';

const DEFAULTS: Record<string, unknown> = {
  type: 'ini',
  file: 'ansible.ini',
  section: 'global',
  re: false,
  encoding: 'utf-8',
  default: '',
  case_sensitive: false,
  allow_no_value: false,
};

type Sections = Map<string, Map<string, string | null>>;

/**
 * Python's `configparser` as the ini lookup configures it: `[section]` headers, `key = value` / `key: value`,
 * `#`/`;` comment lines, indented continuation lines, keys lower-cased unless `caseSensitive`, a key without a
 * value only with `allowNoValue`, the same key twice in a section an error, `%%` for a literal `%`.
 */
export function parseIni(
  text: string,
  caseSensitive: boolean,
  allowNoValue: boolean,
  name: string,
): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string | null> | undefined;
  let seen = new Set<string>();
  let last: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (/^\s*[#;]/.test(line)) continue;
    if (line.trim() === '') {
      last = undefined;
      continue;
    }
    if (/^\s/.test(line) && current && last !== undefined) {
      current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      seen = new Set();
      last = undefined;
      continue;
    }
    if (!current)
      throw new LookupFailure(
        `File contains no section headers.\nfile: '<???>', line: ${index + 1}\n${JSON.stringify(line)}`,
      );
    const pair = /^([^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    let key: string;
    let value: string | null;
    if (pair && pair[1].trim() !== '') {
      key = pair[1].trim();
      value = pair[2].trim().replace(/%%/g, '%');
    } else if (allowNoValue) {
      key = line.trim();
      value = null;
    } else
      throw new LookupFailure(
        `Source contains parsing errors: '<???>'\n\t[line ${index + 1}]: ${JSON.stringify(line)}`,
      );
    if (!caseSensitive) key = key.toLowerCase();
    if (seen.has(key))
      throw new LookupFailure(
        `Duplicate option in '${name}': While reading from '<???>' [line ${String(index + 1).padStart(2)}]: option '${key}' in section '${[...sections.entries()].find(([, s]) => s === current)?.[0]}' already exists`,
        'AnsibleLookupError',
      );
    seen.add(key);
    current.set(key, value);
    last = value === null ? undefined : key;
  }
  return sections;
}

/** Ansible's inline `key opt=value …` form: words after `opt=` belong to that option until the next one. */
function inlineParams(term: string, known: string[]): string[] {
  const params = new Map<string, string>();
  const order: string[] = [];
  let current = 'key';
  for (const [index, phrase] of term.trim().split(/\s+/).entries()) {
    if (phrase.includes('=')) for (const k of known) if (phrase.includes(`${k}=`)) current = k;
    if (index === 0 || !params.get(current)) {
      params.set(current, phrase);
      order.push(current);
    } else params.set(current, `${params.get(current)} ${phrase}`);
  }
  return order.map((k) => params.get(k) ?? '');
}

/** `ini`: values of keys in an INI (or Java properties) file's section; `re=true` matches keys as a regexp. */
export const ini: LookupPlugin = (terms, kwargs, ctx) => {
  const options: Record<string, unknown> = { ...DEFAULTS, ...kwargs };
  if ('allow_none' in kwargs && !('allow_no_value' in kwargs)) options.allow_no_value = kwargs.allow_none;
  const out: unknown[] = [];
  for (const raw of terms) {
    const term = String(raw);
    let key = term;
    if (term.includes('=') || term.trim().includes(' ')) {
      let updated = false;
      for (const param of inlineParams(term, Object.keys(DEFAULTS))) {
        if (param.includes('=')) {
          const parts = param.split('=');
          if (parts.length !== 2)
            throw new LookupFailure(
              `Could not use '${param}' from '${term}': too many values to unpack (expected 2)`,
              'AnsibleLookupError',
            );
          if (!(parts[0] in DEFAULTS))
            throw new LookupFailure(`${parts[0]} is not a valid option.`, 'AnsibleLookupError');
          options[parts[0]] = parts[1];
        } else if (key === term) {
          key = param;
          updated = true;
        }
      }
      if (!updated)
        throw new LookupFailure(
          `No key to lookup was provided as first term with in string inline options: ${term}`,
          'AnsibleOptionsError',
        );
    }
    const fileName = String(options.file);
    const path = locate('files', ctx, fileName);
    if (!path) throw new LookupFailure(`[Errno 2] No such file or directory: '${fileName}'`);
    const encoding = String(options.encoding).toLowerCase();
    const latin = /^(iso-?8859-?1|iso-?8859-?15|latin-?1|cp1252)$/.test(encoding);
    let text = ctx.readFile(path).toString(latin ? 'latin1' : 'utf8');
    const properties = options.type === 'properties';
    if (properties) {
      text = `[java_properties]\n${text}`;
      options.section = 'java_properties';
    }
    const caseSensitive = isTemplateTrue(options.case_sensitive);
    const sections = parseIni(text, caseSensitive, isTemplateTrue(options.allow_no_value), fileName);
    const section = sections.get(String(options.section));
    if (!section)
      throw new LookupFailure(`No section '${options.section}' in ${fileName}`, 'AnsibleLookupError');
    if (isTemplateTrue(options.re)) {
      const pattern = new RegExp(`^(?:${key})`);
      for (const [k, v] of section) if (pattern.test(k) && v !== null) out.push(v);
      continue;
    }
    const lookupKey = caseSensitive ? key : key.toLowerCase();
    const value = section.has(lookupKey) ? section.get(lookupKey) : options.default;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
};
