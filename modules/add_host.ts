import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';

const args = z.record(z.string(), z.unknown());

const NAME_KEYS = ['name', 'hostname', 'host'];
const GROUP_KEYS = ['groupname', 'groups', 'group'];
const NOT_VARS = new Set(['name', 'hostname', 'groupname', 'groups']);

/** `host:port` and `[v6]:port` name a port too (as `ansible_ssh_port`); any other name is taken as written. */
function splitAddress(address: string): { name: string; port?: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:[\]]+):(\d+)$/.exec(address);
  return match ? { name: match[1], port: Number(match[2]) } : { name: address };
}

function groupList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(',')
      : undefined;
  if (!list) throw new ModuleFailure('Groups must be specified as a list.');
  return [...new Set(list.map((g) => g.trim()))];
}

/**
 * `add_host`: adds a host (with variables and groups) to the in-memory inventory for the rest of the run
 * (runs on the controller, once per task; Ansible's `add_host`). The runner applies it and decides `changed`.
 */
export const addHostModule = defineModule({
  name: 'add_host',
  summary: 'Add a host (and its groups and variables) to the inventory for later plays.',
  runsOn: 'controller',
  idempotent: false,
  args,
  probe: async () => null,
  plan: (a) => {
    if (!NAME_KEYS.some((k) => a[k] !== undefined && a[k] !== null))
      throw new ModuleFailure('name, host or hostname needs to be provided');
    return { steps: [], reason: '' };
  },
  apply: async () => ({ changed: false }),
  report: (a) => {
    const written = String(NAME_KEYS.map((k) => a[k]).find((v) => v !== undefined && v !== null));
    const { name, port } = splitAddress(written);
    const groups = groupList(GROUP_KEYS.map((k) => a[k]).find((v) => v !== undefined));
    const hostVars = Object.fromEntries(Object.entries(a).filter(([k]) => !NOT_VARS.has(k)));
    if (port !== undefined) hostVars.ansible_ssh_port = port;
    return { add_host: { host_name: name, groups, host_vars: hostVars } };
  },
});
