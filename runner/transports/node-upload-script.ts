/**
 * The POSIX sh helper that puts the controller's node binary on a target without a usable one (DESIGN.md §4.4
 * step 1): check the target's `uname -s`/`uname -m` against the controller's platform, reuse
 * `~/.cache/spindle/node-<version>/node` when its SHA-256 matches, else receive the binary on stdin into a
 * temporary file beside it, check its SHA-256, and rename it into place (atomic, so concurrent uploads are safe).
 *
 * It answers with one line starting with its tag (the nonce keeps login banners from being mistaken for it):
 * `TAG arch SYSTEM MACHINE` (mismatch), `TAG have PATH`, `TAG need` (then it reads stdin to EOF),
 * `TAG stored PATH`, or `TAG fail REASON`.
 */

/** What `uname -s` and `uname -m` print on a machine that can run a node built for `platform`/`arch`. */
export interface UnameNames {
  system: string;
  machines: string[];
}

const SYSTEMS: Record<string, string> = {
  linux: 'Linux',
  darwin: 'Darwin',
  freebsd: 'FreeBSD',
  openbsd: 'OpenBSD',
  sunos: 'SunOS',
  aix: 'AIX',
};

const MACHINES: Record<string, string[]> = {
  x64: ['x86_64', 'amd64'],
  arm64: ['aarch64', 'arm64'],
  arm: ['armv7l', 'armv6l', 'armv8l'],
  ia32: ['i386', 'i486', 'i586', 'i686', 'x86'],
  ppc64: ['ppc64le'],
  s390x: ['s390x'],
  riscv64: ['riscv64'],
  loong64: ['loongarch64'],
};

/** Maps Node's `process.platform`/`process.arch` to `uname` names; undefined when Spindle does not know them. */
export function unameNames(platform: string, arch: string): UnameNames | undefined {
  const system = SYSTEMS[platform];
  const machines = MACHINES[arch];
  return system && machines ? { system, machines } : undefined;
}

/** Inputs of `nodeUploadScript`. */
export interface NodeUploadScriptOptions {
  /** Tags every answer line. */
  nonce: string;
  /** The controller's `process.version` (`v20.11.1`): the cache folder is `node-<version>`. */
  version: string;
  /** Lower-case hex SHA-256 of the binary. */
  sha256: string;
  uname: UnameNames;
}

/** The answer tag the script prints before each result. */
export function uploadTag(nonce: string): string {
  return `SPINDLE-NODE-${nonce}`;
}

/** Builds the helper script (run with `sh -c`, or as an ssh exec command). */
export function nodeUploadScript(options: NodeUploadScriptOptions): string {
  if (!/^v[0-9][0-9A-Za-z.-]*$/.test(options.version)) throw new Error(`odd node version ${options.version}`);
  if (!/^[0-9a-f]{64}$/.test(options.sha256)) throw new Error(`not a SHA-256: ${options.sha256}`);
  const patterns = options.uname.machines.map((m) => `'${options.uname.system} ${m}'`).join('|');
  const sum = options.sha256;
  return [
    `T=${uploadTag(options.nonce)}`,
    `[ -n "\${HOME:-}" ]||{ echo "$T fail HOME is not set";exit 1;}`,
    `D="$HOME/.cache/spindle/node-${options.version}";F="$D/node";P="$D/.node.$$"`,
    'A=$(uname -s 2>/dev/null);B=$(uname -m 2>/dev/null)',
    `case "$A $B" in ${patterns});;*)echo "$T arch \${A:-unknown} \${B:-unknown}";exit 0;;esac`,
    'if command -v sha256sum >/dev/null 2>&1;then H=sha256sum',
    "elif command -v shasum >/dev/null 2>&1;then H='shasum -a 256'",
    "elif command -v openssl >/dev/null 2>&1;then H='openssl dgst -sha256 -r'",
    'else echo "$T fail none of sha256sum, shasum or openssl is there to check the binary";exit 1;fi',
    'h(){ $H "$1" 2>/dev/null|{ read -r x y;echo "$x";};}',
    `if [ -f "$F" ]&&[ "$(h "$F")" = ${sum} ];then echo "$T have $F";exit 0;fi`,
    `mkdir -p "$D"||{ echo "$T fail cannot create $D";exit 1;}`,
    `trap 'rm -f "$P"' EXIT`,
    'echo "$T need"',
    `cat >"$P"||{ echo "$T fail cannot write $P";exit 1;}`,
    'S=$(h "$P")',
    `[ "$S" = ${sum} ]||{ echo "$T fail checksum mismatch after upload: got \${S:-nothing}";exit 1;}`,
    `chmod 755 "$P"&&mv -f "$P" "$F"||{ echo "$T fail cannot install $F";exit 1;}`,
    'echo "$T stored $F"',
  ].join('\n');
}
