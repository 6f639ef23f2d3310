import { BUILTIN_REDIRECTS, KNOWN_MODULES } from './known-modules.js';

/** Parses `ns.coll a b=c …` lines into collection → names (the data files' compact form). */
function lines(text: string): Array<[string, string[]]> {
  return text.split('\n').map((line) => {
    const [collection, ...names] = line.split(' ');
    return [collection, names];
  });
}

let fqcns: Set<string> | undefined;
let redirects: Map<string, string> | undefined;

/** Every FQCN in the shipped list of ansible-core's and the common collections' modules. */
export function knownFqcns(): Set<string> {
  fqcns ??= new Set(lines(KNOWN_MODULES).flatMap(([c, names]) => names.map((n) => `${c}.${n}`)));
  return fqcns;
}

/** ansible.builtin's short-name redirects from the shipped data (`ini_file` → `community.general.ini_file`). */
export function knownBuiltinRedirects(): Map<string, string> {
  if (!redirects) {
    redirects = new Map();
    for (const [collection, names] of lines(BUILTIN_REDIRECTS))
      for (const entry of names) {
        const [name, target = name] = entry.split('=');
        redirects.set(name, `${collection}.${target}`);
      }
  }
  return redirects;
}

/** The FQCN a written name denotes by the shipped data, or undefined when it is no known Ansible module. */
export function knownAnsibleModule(written: string): string | undefined {
  const bare = written.replace(/^ansible\.(legacy|builtin)\./, '');
  if (!bare.includes('.')) {
    const core = `ansible.builtin.${bare}`;
    if (knownFqcns().has(core)) return core;
    return knownBuiltinRedirects().get(bare);
  }
  return knownFqcns().has(written) ? written : undefined;
}

/** All short and FQCN names, for "did you mean" on a misspelt module. */
export function knownModuleNames(): string[] {
  return [...knownFqcns(), ...knownBuiltinRedirects().keys()];
}
