// `npm test`'s pretest: says in one line what the end-to-end tests need and this machine lacks (real sshd,
// sudo, doas, users to add …), and how to get it, before anything runs. `bash .ci/run` installs all of it.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each command the tests run, with the Debian package that provides it (the list `.ci/run` installs). */
export const NEEDED = [
  ['sshd', 'openssh-server'],
  ['ssh-keygen', 'openssh-client'],
  ['ssh-agent', 'openssh-client'],
  ['sudo', 'sudo'],
  ['doas', 'opendoas'],
  ['git', 'git'],
  ['zip', 'zip'],
  ['unzip', 'unzip'],
  ['crontab', 'cron'],
  ['pgrep', 'procps'],
  ['openssl', 'openssl'],
  ['useradd', 'passwd'],
  ['chromium', 'chromium'],
  ['zsh', 'zsh'],
];

/** Where to look: PATH and the sbin folders (sshd and useradd live there, often outside a user's PATH). */
export function searchDirs(path = process.env.PATH ?? '') {
  return [...path.split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);
}

/** Whether `command` is an executable in one of `dirs`. */
function found(command, dirs) {
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The one-line complaint, or undefined when everything is there. Pure apart from the file checks. */
export function missingLine(dirs = searchDirs(), uid = process.getuid?.() ?? 0) {
  const missing = NEEDED.filter(([command]) => !found(command, dirs));
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  const problems = [];
  if (missing.length > 0)
    problems.push(`missing ${missing.map(([command, pkg]) => `${command} (${pkg})`).join(', ')}`);
  if (uid !== 0) problems.push('not root (the tests add users and start sshd)');
  if (problems.length === 0) return undefined;
  const install = packages.length > 0 ? ` or \`apt-get install ${packages.join(' ')}\` as root` : '';
  return `npm test: ${problems.join('; ')}: run \`bash .ci/run\` as root on Debian 12 (installs what is missing, then runs npm test)${install}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const line = missingLine();
  if (line) {
    console.error(line);
    process.exit(1);
  }
}
