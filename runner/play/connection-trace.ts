import type { ConnectionSettings } from '../../dsl/inventory/connection-settings.js';

/** Where `-vvv` connection lines go: one line at a time, shown from verbosity 3 (Ansible's `display.vvv`). */
export type ConnectionTrace = (line: string) => void;

/**
 * Ansible's `<ADDRESS> ESTABLISH LOCAL CONNECTION FOR USER: root` (SSH, DOCKER … likewise), printed when a login
 * context is opened; the user is the one the connection logs in as (`None` when SSH leaves it to the client).
 */
export function establishLine(settings: ConnectionSettings, localUser: string): string {
  const user =
    settings.method === 'local' ? localUser : (settings.user ?? settings.container?.user ?? 'None');
  return `<${settings.host}> ESTABLISH ${settings.method.toUpperCase()} CONNECTION FOR USER: ${user}`;
}

/**
 * Ansible's `<ADDRESS> EXEC COMMAND` for the command that starts a context: a process's argv quoted as a shell
 * command (`/bin/sh -c '…'`, `sudo -H -S -n -u root -- /bin/sh -c '…'`); over SSH (`SSH: EXEC`), the command
 * the SSH channel runs with the login shell.
 */
export function execLine(settings: ConnectionSettings, command: string, login: boolean): string {
  const over = login && settings.method === 'ssh' ? 'SSH: ' : '';
  return `<${settings.host}> ${over}EXEC ${command}`;
}
