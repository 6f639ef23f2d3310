import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * The nunjucks loader behind `{% include %}`, `{% import %}` and `{% extends %}`: looks a name up in the folders
 * of the file being rendered (set per render, innermost render wins); nothing is cached, files may change.
 */
export class IncludeLoader {
  private stack: string[][] = [];

  /** Runs `render` with `paths` as the folders includes are searched in. */
  within<T>(paths: string[], render: () => T): T {
    this.stack.push(paths);
    try {
      return render();
    } finally {
      this.stack.pop();
    }
  }

  /** nunjucks' loader interface: the source of template `name`, or null when no folder has it. */
  getSource(name: string): { src: string; path: string; noCache: boolean } | null {
    const paths = this.stack[this.stack.length - 1] ?? [];
    const candidates = isAbsolute(name) ? [name] : paths.map((p) => join(p, name));
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    // Jinja2 drops the last newline of every template it loads (`keep_trailing_newline` off), included ones too.
    return found
      ? { src: readFileSync(found, 'utf8').replace(/\r?\n$/, ''), path: found, noCache: true }
      : null;
  }
}
