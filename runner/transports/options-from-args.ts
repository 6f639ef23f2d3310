import type { HostKeyPolicy } from './known-hosts.js';
import { hostKeyPolicyOf, proxyJumpHops } from './ssh-config.js';

/** The OpenSSH client options Spindle honours from `ansible_ssh_common_args` / `ansible_ssh_args` / `…_extra_args`. */
export interface SshArgsOptions {
  policy?: HostKeyPolicy;
  knownHostsFile?: string;
  /** `-F FILE`: the ssh config file to read instead of ~/.ssh/config. */
  configFile?: string;
  /** `-J hops`, `-o ProxyJump=hops`, or `-o ProxyCommand="ssh -W %h:%p [user@]jump"`. */
  proxyJump?: string[];
  /** `-i FILE`. */
  identityFile?: string;
}

/** Splits a command-line string into words as a POSIX shell would (quotes and backslashes; no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The jump host of a `ProxyCommand` of the form `ssh [-p PORT] [-l USER] -W %h:%p [user@]host`, as a hop spec. */
function jumpFromProxyCommand(command: string): string | undefined {
  const words = shellWords(command);
  if (!/(^|\/)ssh$/.test(words[0] ?? '') || !words.includes('-W')) return undefined;
  let port: string | undefined;
  let user: string | undefined;
  let host: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-p') port = words[++i];
    else if (w === '-l') user = words[++i];
    else if (/^-[WioFJ]$/.test(w)) i++;
    else if (!w.startsWith('-')) host = w;
  }
  if (!host) return undefined;
  return `${user && !host.includes('@') ? `${user}@` : ''}${host}${port ? `:${port}` : ''}`;
}

/** Reads the OpenSSH options Spindle understands out of one or more `ssh` argument strings (first value wins). */
export function sshArgsOptions(...argStrings: (string | undefined)[]): SshArgsOptions {
  const out: SshArgsOptions = {};
  const set = <K extends keyof SshArgsOptions>(key: K, value: SshArgsOptions[K]) => {
    if (out[key] === undefined) out[key] = value;
  };
  const option = (key: string, value: string) => {
    const k = key.toLowerCase();
    if (k === 'stricthostkeychecking') set('policy', hostKeyPolicyOf(value));
    else if (k === 'userknownhostsfile') {
      const file = value.split(/\s+/)[0];
      if (file === '/dev/null') set('policy', 'off');
      else set('knownHostsFile', file);
    } else if (k === 'proxyjump') set('proxyJump', proxyJumpHops(value));
    else if (k === 'proxycommand') {
      const hop = jumpFromProxyCommand(value);
      if (hop) set('proxyJump', [hop]);
    } else if (k === 'identityfile') set('identityFile', value);
  };
  for (const args of argStrings) {
    if (!args) continue;
    const words = shellWords(args);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const flag = /^-([oFJi])(.*)$/.exec(w);
      if (!flag) continue;
      const value = flag[2] !== '' ? flag[2] : words[++i];
      if (value === undefined) break;
      if (flag[1] === 'F') set('configFile', value);
      else if (flag[1] === 'J') set('proxyJump', proxyJumpHops(value));
      else if (flag[1] === 'i') set('identityFile', value);
      else {
        const pair = /^(\w+)(?:\s*=\s*|\s+)(.*)$/s.exec(value);
        if (pair) option(pair[1], pair[2]);
      }
    }
  }
  return out;
}
