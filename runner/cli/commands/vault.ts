import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  decryptEnvelope,
  encryptVaultText,
  isVaultText,
  parseVaultEnvelope,
  VaultError,
  VaultFormatError,
  type VaultSecret,
} from '../../../dsl/vault/index.js';
import { OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import type { FlagSpec } from '../flags.js';
import { parseArgs } from '../parse-args.js';
import { readSecret } from '../read-secret.js';
import { resolveSettings } from '../settings.js';
import { loadVaultSecrets } from '../vault-secrets.js';
import type { ToolInput } from './tool.js';
import { HELP_FLAG, sharedFlags, toolHelp, VAULT_FLAG_KEYS } from './tool-flags.js';

const FLAGS: FlagSpec[] = [
  ...sharedFlags(...VAULT_FLAG_KEYS),
  {
    key: 'encryptVaultId',
    long: 'encrypt-vault-id',
    kind: 'value',
    meta: 'LABEL',
    help: 'the vault id (label) to encrypt with, when several are given',
  },
  {
    key: 'output',
    long: 'output',
    kind: 'value',
    meta: 'FILE',
    help: 'write to FILE (`-` for stdout) instead of in place',
  },
  {
    key: 'name',
    long: 'name',
    short: 'n',
    kind: 'list',
    meta: 'VAR',
    help: 'encrypt_string: the variable name (repeatable)',
  },
  {
    key: 'stdinName',
    long: 'stdin-name',
    kind: 'value',
    meta: 'VAR',
    help: 'encrypt_string: the name of the value read from stdin',
  },
  {
    key: 'prompt',
    long: 'prompt',
    short: 'p',
    kind: 'boolean',
    help: 'encrypt_string: ask for the string to encrypt',
  },
  HELP_FLAG,
];

const USAGE = [
  'play vault encrypt|decrypt [--output FILE] [FILE …]   (no FILE or `-`: stdin)',
  'play vault view FILE …',
  'play vault edit FILE',
  'play vault encrypt_string [-n NAME] [STRING …]        (no STRING: stdin; -p: ask)',
];

const ACTIONS = ['encrypt', 'decrypt', 'view', 'edit', 'encrypt_string'] as const;

/**
 * `play vault`, like `ansible-vault`: encrypt, decrypt, view and edit whole files, and encrypt strings for
 * `!vault` values. Files are written in Ansible's format (1.1, or 1.2 with a vault id label), so either tool
 * reads what the other wrote. Passwords come from the same flags as `play`; with none, they are asked for.
 */
export async function runTool(input: ToolInput, io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(input.argv, FLAGS);
  const [action, ...args] = positionals;
  if (options.help || action === undefined) {
    io.stdout.write(toolHelp(USAGE, FLAGS));
    return options.help ? 0 : 5;
  }
  if (!(ACTIONS as readonly string[]).includes(action))
    throw new OptionError(
      'play vault',
      `unknown vault action ${JSON.stringify(action)}: one of ${ACTIONS.join(', ')}`,
    );
  const settings = resolveSettings(options, io.env, input.config, io.cwd);
  const secrets = await loadVaultSecrets(settings.vault, io);
  const output = options.output as string | undefined;
  if (output !== undefined && args.length > 1)
    throw new OptionError('--output', 'At most one input file may be used with the --output option');
  const files = args.length > 0 ? args : ['-'];
  switch (action) {
    case 'encrypt': {
      const secret = await encryptSecret(secrets, options.encryptVaultId as string | undefined, io);
      for (const file of files) {
        const plain = await readInput(file, io, 'Reading plaintext input from stdin');
        if (isVaultText(plain.toString('latin1'))) throw new VaultError(`input is already encrypted`, file);
        writeOutput(output ?? file, encryptVaultText(plain, secret.password, { label: secret.label }), io);
      }
      io.stderr.write('Encryption successful\n');
      return 0;
    }
    case 'decrypt': {
      const usable = await decryptSecrets(secrets, io);
      for (const file of files) {
        const text = (await readInput(file, io, 'Reading ciphertext input from stdin')).toString('utf8');
        writeOutput(output ?? file, decryptWith(text, usable, file).plain, io);
      }
      io.stderr.write('Decryption successful\n');
      return 0;
    }
    case 'view': {
      const usable = await decryptSecrets(secrets, io);
      for (const file of files)
        io.stdout.write(decryptWith((await readInput(file, io, '')).toString('utf8'), usable, file).plain);
      return 0;
    }
    case 'edit': {
      if (args.length !== 1)
        throw new OptionError('play vault edit', 'ansible-vault edit takes exactly one file');
      return editFile(resolve(io.cwd, args[0]), await decryptSecrets(secrets, io), io);
    }
    default:
      return encryptStrings(args, options, secrets, io);
  }
}

async function encryptStrings(
  args: string[],
  options: Record<string, unknown>,
  secrets: VaultSecret[],
  io: CliIo,
): Promise<number> {
  const secret = await encryptSecret(secrets, options.encryptVaultId as string | undefined, io);
  const names = (options.name as string[] | undefined) ?? [];
  const values: Array<{ plain: string; name?: string; from: string }> = [];
  if (options.prompt) {
    const plain = await readSecret('String to encrypt: ', io);
    if (plain === '')
      throw new OptionError('--prompt', 'The plaintext provided from the prompt was empty, not encrypting');
    values.push({ plain, name: names[0], from: 'the interactive prompt' });
  } else if (args.length === 0) {
    const plain = (await readAll(io.stdin)).toString('utf8');
    if (plain === '') throw new OptionError('play vault encrypt_string', 'stdin was empty, not encrypting');
    values.push({ plain, name: (options.stdinName as string | undefined) ?? names[0], from: 'stdin' });
  } else
    args.forEach((plain, i) => {
      if (plain === '')
        throw new OptionError(
          'play vault encrypt_string',
          'The plaintext provided from the command line args was empty, not encrypting',
        );
      values.push({ plain, name: names[i], from: 'the command line args' });
    });
  values.forEach((value, i) => {
    if (values.length > 1)
      io.stderr.write(
        value.name
          ? `# The encrypted version of variable ("${value.name}", the string #${i + 1} from ${value.from}).\n`
          : `# The encrypted version of the string #${i + 1} from ${value.from}.)\n`,
      );
    io.stdout.write(
      `${vaultYaml(encryptVaultText(value.plain, secret.password, { label: secret.label }), value.name)}\n`,
    );
  });
  io.stderr.write('Encryption successful\n');
  return 0;
}

/** A vault envelope as a YAML `!vault |` block (indented 10 spaces, like ansible-vault), optionally `name: `. */
export function vaultYaml(envelope: string, name?: string): string {
  const lines = envelope
    .trimEnd()
    .split('\n')
    .map((line) => `${' '.repeat(10)}${line}`);
  return [`${name ? `${name}: ` : ''}!vault |`, ...lines].join('\n');
}

/** The password to encrypt with: the only one given, the one `--encrypt-vault-id` names, or asked for twice. */
async function encryptSecret(
  secrets: VaultSecret[],
  label: string | undefined,
  io: CliIo,
): Promise<VaultSecret> {
  if (label !== undefined) {
    const found = secrets.find((s) => s.label === label);
    if (!found)
      throw new OptionError(
        '--encrypt-vault-id',
        `Did not find a match for --encrypt-vault-id=${label} in the known vault-ids ${secrets.map((s) => s.label).join(', ')}`,
      );
    return found;
  }
  if (secrets.length > 1)
    throw new OptionError(
      '--encrypt-vault-id',
      `The vault-ids ${secrets.map((s) => s.label).join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`,
    );
  if (secrets.length === 1) return secrets[0];
  const password = await readSecret('New Vault password: ', io);
  const again = await readSecret('Confirm New Vault password: ', io);
  if (password !== again) throw new OptionError('play vault', 'Passwords do not match');
  if (password === '')
    throw new OptionError('play vault', "A vault password is required to use Ansible's Vault");
  return { label: 'default', password };
}

async function decryptSecrets(secrets: VaultSecret[], io: CliIo): Promise<VaultSecret[]> {
  if (secrets.length > 0) return secrets;
  const password = await readSecret('Vault password: ', io);
  if (password === '')
    throw new OptionError('play vault', "A vault password is required to use Ansible's Vault");
  return [{ label: 'default', password }];
}

/** Decrypts with the first password that fits (the envelope's label first), keeping which one it was. */
function decryptWith(
  text: string,
  secrets: VaultSecret[],
  where: string,
): { plain: Buffer; secret: VaultSecret } {
  let envelope: ReturnType<typeof parseVaultEnvelope>;
  try {
    envelope = parseVaultEnvelope(text);
  } catch (error) {
    if (error instanceof VaultFormatError)
      throw new VaultError(`input is not vault encrypted data: ${error.message}`, where);
    throw error;
  }
  const ordered = [
    ...secrets.filter((s) => s.label === envelope.label),
    ...secrets.filter((s) => s.label !== envelope.label),
  ];
  for (const secret of ordered) {
    const plain = decryptEnvelope(envelope, secret.password);
    if (plain) return { plain, secret: envelope.label ? { ...secret, label: envelope.label } : secret };
  }
  throw new VaultError('Decryption failed (no vault secrets were found that could decrypt)', where);
}

/** `edit`: decrypt into a private temp file, run $EDITOR on it, re-encrypt in place when it changed. */
function editFile(path: string, secrets: VaultSecret[], io: CliIo): number {
  const { plain, secret } = decryptWith(readFileSync(path, 'utf8'), secrets, path);
  const dir = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
  const temp = join(dir, `edit${extname(basename(path))}`);
  try {
    writeFileSync(temp, plain, { mode: 0o600 });
    const editor = io.env.EDITOR || io.env.VISUAL || 'vi';
    const ran = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', temp], {
      stdio: 'inherit',
      env: io.env as NodeJS.ProcessEnv,
      cwd: io.cwd,
    });
    if (ran.error || ran.status !== 0)
      throw new OptionError(
        'EDITOR',
        `Unable to execute the command "${editor} ${temp}": ${ran.error?.message ?? `exit code ${ran.status}`}`,
      );
    const edited = readFileSync(temp);
    if (!edited.equals(plain))
      writeOutput(path, encryptVaultText(edited, secret.password, { label: secret.label }), io);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readInput(file: string, io: CliIo, notice: string): Promise<Buffer> {
  if (file === '-') {
    if (notice && io.stdin.isTTY) io.stderr.write(`${notice}\n`);
    return readAll(io.stdin);
  }
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new OptionError('play vault', `input file ${file} does not exist`);
  return readFileSync(path);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Writes a result atomically (a temp file beside it, renamed), keeping the file's mode; `-` is stdout. */
function writeOutput(file: string, data: string | Buffer, io: CliIo): void {
  if (file === '-') {
    io.stdout.write(data);
    return;
  }
  const path = resolve(io.cwd, file);
  const temp = join(dirname(path), `.${basename(path)}.spindle-${process.pid}.tmp`);
  writeFileSync(temp, data, { mode: 0o600 });
  try {
    if (existsSync(path)) chmodSync(temp, statSync(path).mode & 0o7777);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
