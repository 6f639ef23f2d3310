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
  } catch (error) {
    throw new Error(`Version comparison failed: ${(error as Error).message}`);
  }
  throw new Error(`Invalid version type (${type}). Spindle supports loose, strict, semver and semantic`);
}
