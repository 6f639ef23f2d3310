import { readFileSync } from 'node:fs';

/** One problem found in a playbook, inventory or vars file, located as precisely as the source allows. */
export interface DslIssue {
  /** Stable machine-readable code, e.g. `unknown-keyword`, `invalid-argument`, `yaml-syntax`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Where in the document, e.g. `[0].tasks[3].file.mode`. */
  path?: string;
  /** Ansible's wording of the same error, which the CLI prints first as `ERROR! …` (scripts grep it). */
  ansible?: string;
}

/** Thrown when a playbook has error-severity issues; carries all of them so they are reported at once. */
export class DslError extends Error {
  override name = 'DslError';
  readonly kind = 'dsl';
  constructor(readonly issues: DslIssue[]) {
    super(renderIssues(issues));
  }
}

function excerpt(issue: DslIssue): string {
  if (!issue.file || !issue.line) return '';
  try {
    const line = readFileSync(issue.file, 'utf8').split('\n')[issue.line - 1];
    if (line === undefined) return '';
    const caret = `${' '.repeat(Math.max(0, (issue.column ?? 1) - 1))}^`;
    const gutter = String(issue.line).padStart(4);
    return `\n${gutter} | ${line}\n${' '.repeat(4)} | ${caret}`;
  } catch {
    return '';
  }
}

/** Renders issues as `file:line:col path: message` plus a source excerpt with a caret (the one place they become text). */
export function renderIssues(issues: DslIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.file
        ? `${issue.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ''} `
        : '';
      const path = issue.path ? `${issue.path}: ` : '';
      const label = issue.severity === 'warning' ? 'warning: ' : '';
      return `${where}${label}${path}${issue.message}${excerpt(issue)}`;
    })
    .join('\n');
}

/**
 * The load errors as the CLI prints them: Ansible's `ERROR! …` line for the first error Ansible would report
 * (when it has its wording), then every issue with its file:line:column.
 */
export function renderLoadErrors(issues: DslIssue[]): string {
  const first = issues.find((issue) => issue.severity === 'error' && issue.ansible !== undefined);
  return `${first ? `ERROR! ${first.ansible}\n` : ''}${renderIssues(issues)}`;
}

/** Describes a value and its type for messages: `755 (number)`, `"yes" (string)`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (array)`;
  if (typeof value === 'object') return 'a mapping (object)';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown} (${typeof value})`;
}
