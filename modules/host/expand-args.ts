import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';

/** The home folder of a user named in `~user`, from /etc/passwd (undefined when there is no such user). */
function homeOf(user: string): string | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const fields = line.split(':');
      if (fields[0] === user && fields.length >= 6) return fields[5];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Python's `os.path.expandvars`: `$name` and `${name}` that are set are replaced; others stay as written. */
export function expandVars(text: string, environment: Record<string, string | undefined>): string {
  return text.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    return environment[key] ?? whole;
  });
}

/** Python's `os.path.expanduser`: a leading `~` or `~user` becomes that home folder when it is known. */
export function expandUser(text: string, environment: Record<string, string | undefined>): string {
  if (!text.startsWith('~')) return text;
  const slash = text.indexOf('/');
  const user = text.slice(1, slash === -1 ? undefined : slash);
  const home = user === '' ? (environment.HOME ?? homedir()) : homeOf(user);
  if (home === undefined) return text;
  const rest = slash === -1 ? '' : text.slice(slash);
  return (home.replace(/\/+$/, '') || '/') + rest;
}

/**
 * What Ansible's `run_command` does to each argument of a program it starts without a shell (`command`):
 * environment variables, then `~`, expanded as Python's os.path would, with the task's environment.
 */
export function expandArguments(argv: string[], environment: Record<string, string | undefined>): string[] {
  return argv.map((arg) => expandUser(expandVars(arg, environment), environment));
}
