import { readFileSync, writeFileSync } from 'node:fs';
import type { Verdict } from './compare.js';

const start = '<!-- conformance:start -->';
const end = '<!-- conformance:end -->';

/** The summary sentence: how many targets end exactly as Ansible's. */
export function summary(verdicts: readonly Verdict[], date: string): string {
  const same = verdicts.filter((v) => v.result === 'same').length;
  const exit = verdicts.filter((v) => v.result === 'same' || v.result === 'recap differs').length;
  return `${date}: **${same} of ${verdicts.length}** targets end as Ansible's (exit code and recap); ${exit} with Ansible's exit code.`;
}

/** The results as a markdown table, one row per target. */
export function table(verdicts: readonly Verdict[]): string {
  const rows = verdicts.map((v) => `| ${v.target} | ${v.kind} | ${v.result} | ${v.reason} |`);
  return [
    '| target | kind | result | reason (first difference) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Replaces the generated part of a markdown file (between the conformance markers), keeping the rest. */
export function writeInto(file: string, verdicts: readonly Verdict[], date: string): void {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = `# Conformance with Ansible\n\n${start}\n${end}\n`;
  }
  const block = `${start}\n${summary(verdicts, date)}\n\n${table(verdicts)}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text}\n${block}\n`;
  writeFileSync(file, text);
}
