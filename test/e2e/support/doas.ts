import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const DOAS_CONF = '/etc/doas.conf';

/** Rules added to /etc/doas.conf for one test file, taken out again by `remove()`. */
export interface DoasRules {
  remove(): void;
}

/**
 * Appends `rules` to /etc/doas.conf, each line tagged with this process id, so several test runs can share the
 * file; `remove()` deletes exactly those lines, and the file itself when nothing else is left in it.
 */
export function addDoasRules(rules: string[]): DoasRules {
  const tag = `# spindle-test-${process.pid}`;
  const read = () => (existsSync(DOAS_CONF) ? readFileSync(DOAS_CONF, 'utf8') : '');
  const before = read();
  const added = rules.map((rule) => `${rule} ${tag}\n`).join('');
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  // doas refuses a configuration that group or others may write.
  writeFileSync(DOAS_CONF, `${before}${separator}${added}`, { mode: 0o644 });
  return {
    remove() {
      const kept = read()
        .split('\n')
        .filter((line) => !line.endsWith(tag))
        .join('\n');
      if (kept.trim() === '') rmSync(DOAS_CONF, { force: true });
      else writeFileSync(DOAS_CONF, kept);
    },
  };
}
