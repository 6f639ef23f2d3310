import type { HostKeyPolicy } from './known-hosts.js';

/** What Spindle honours from `ansible_ssh_common_args`: `-o StrictHostKeyChecking=…` and `-o UserKnownHostsFile=…`. */
export function sshArgsOptions(args: string | undefined): {
  policy?: HostKeyPolicy;
  knownHostsFile?: string;
} {
  const out: { policy?: HostKeyPolicy; knownHostsFile?: string } = {};
  if (!args) return out;
  for (const match of args.matchAll(/-o\s*['"]?(\w+)\s*=\s*([^\s'"]+)/g)) {
    const [, key, value] = match;
    if (key.toLowerCase() === 'stricthostkeychecking') {
      const v = value.toLowerCase();
      out.policy = v === 'no' || v === 'off' ? 'off' : v === 'accept-new' ? 'accept-new' : 'strict';
    }
    if (key.toLowerCase() === 'userknownhostsfile') {
      if (value === '/dev/null') out.policy = 'off';
      else out.knownHostsFile = value;
    }
  }
  return out;
}
