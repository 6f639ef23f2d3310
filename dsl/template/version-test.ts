/**
 * Ansible's `version` test (also `version_compare`, plugins/test/core.py): compares version strings as
 * Python's LooseVersion (default), StrictVersion (`strict=true`) or SemanticVersion (`version_type='semver'`).
 */

const OPERATORS: Record<string, (c: number) => boolean> = {
  '==': (c) => c === 0,
  '=': (c) => c === 0,
  eq: (c) => c === 0,
  '<': (c) => c < 0,
  lt: (c) => c < 0,
  '<=': (c) => c <= 0,
  le: (c) => c <= 0,
  '>': (c) => c > 0,
  gt: (c) => c > 0,
  '>=': (c) => c >= 0,
  ge: (c) => c >= 0,
  '!=': (c) => c !== 0,
  '<>': (c) => c !== 0,
  ne: (c) => c !== 0,
};

type Part = number | string;

function compareParts(a: Part[], b: Part[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (typeof a[i] !== typeof b[i])
      throw new TypeError(
        `'<' not supported between instances of '${typeof a[i] === 'number' ? 'int' : 'str'}' and '${typeof b[i] === 'number' ? 'int' : 'str'}'`,
      );
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

/** LooseVersion's components: runs of digits (as numbers) and of lowercase letters; other text as is; no dots. */
function loose(text: string): Part[] {
  return text
    .split(/(\d+|[a-z]+|\.)/)
    .filter((part) => part && part !== '.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function strict(text: string): { release: number[]; pre: Part[] | null } {
  const m = /^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$/.exec(text);
  if (!m) throw new Error(`invalid version number '${text}'`);
  return {
    release: [Number(m[1]), Number(m[2]), Number(m[4] ?? 0)],
    pre: m[5] ? [m[5][0], Number(m[6])] : null,
  };
}

function compareStrict(a: string, b: string): number {
  const x = strict(a);
  const y = strict(b);
  const release = compareParts(x.release, y.release);
  if (release !== 0) return release;
  if (!x.pre || !y.pre) return x.pre ? -1 : y.pre ? 1 : 0;
  return compareParts(x.pre, y.pre);
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function compareSemver(a: string, b: string): number {
  const parse = (text: string) => {
    const m = SEMVER.exec(text);
    if (!m) throw new Error(`invalid semantic version '${text}'`);
    const pre = m[4]?.split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) ?? null;
    return { release: [Number(m[1]), Number(m[2]), Number(m[3])], pre };
  };
  const x = parse(a);
  const y = parse(b);
  const release = compareParts(x.release, y.release);
  if (release !== 0) return release;
  if (!x.pre || !y.pre) return x.pre ? -1 : y.pre ? 1 : 0;
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === q) continue;
    if (typeof p !== typeof q) return typeof p === 'number' ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return x.pre.length - y.pre.length;
}

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

/** A PEP 440 version's sort key (packaging's `Version`): epoch, release, pre-release, post-release, dev. */
function pep440Key(text: string): number[] {
  const m = PEP440.exec(text.trim());
  if (!m) throw new Error(`Invalid version: '${text}'`);
  const release = m[2].split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const preRank: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
  const post = m[5] ?? m[6];
  const hasPost = m[5] !== undefined || m[6] !== undefined;
  const dev = m[7];
  const pre = m[3]
    ? [preRank[m[3].toLowerCase()], Number(m[4] || 0)]
    : !hasPost && dev !== undefined
      ? [-Infinity, 0]
      : [Infinity, 0];
  return [
    Number(m[1] ?? 0),
    release.length,
    ...release,
    ...pre,
    hasPost ? Number(post || 0) : -Infinity,
    dev !== undefined ? Number(dev || 0) : Infinity,
  ];
}

function comparePep440(a: string, b: string): number {
  const [x, y] = [pep440Key(a), pep440Key(b)];
  if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
  // Releases of different lengths compare element by element, a missing element counting as 0.
  const rx = x.slice(2, 2 + x[1]);
  const ry = y.slice(2, 2 + y[1]);
  for (let i = 0; i < Math.max(rx.length, ry.length); i++)
    if ((rx[i] ?? 0) !== (ry[i] ?? 0)) return (rx[i] ?? 0) < (ry[i] ?? 0) ? -1 : 1;
  const tx = [x[0], ...x.slice(2 + x[1])];
  const ty = [y[0], ...y.slice(2 + y[1])];
  for (let i = 1; i < tx.length; i++) if (tx[i] !== ty[i]) return tx[i] < ty[i] ? -1 : 1;
  return 0;
}

/** `value is version(other, operator='eq', strict=false, version_type=None)`. */
export function versionTest(
  value: unknown,
  other: unknown,
  operator = 'eq',
  isStrict: boolean | null = null,
  versionType: string | null = null,
): boolean {
  if (isStrict !== null && isStrict !== undefined && versionType)
    throw new Error("Cannot specify both 'strict' and 'version_type'");
  if (!value) throw new Error('Input version value cannot be empty');
  if (!other) throw new Error('Version parameter to compare against cannot be empty');
  const test = OPERATORS[operator];
  if (!test)
    throw new Error(
      `Invalid operator type (${operator}). Must be one of ${Object.keys(OPERATORS).join(', ')}`,
    );
  const [a, b] = [String(value), String(other)];
  const type = isStrict ? 'strict' : (versionType ?? 'loose');
  try {
    if (type === 'loose') return test(compareParts(loose(a), loose(b)));
    if (type === 'strict') return test(compareStrict(a, b));
    if (type === 'semver' || type === 'semantic') return test(compareSemver(a, b));
    if (type === 'pep440') return test(comparePep440(a, b));
  } catch (error) {
    throw new Error(`Version comparison failed: ${(error as Error).message}`);
  }
  throw new Error(
    `Invalid version type (${type}). Spindle supports loose, strict, semver, semantic and pep440`,
  );
}
