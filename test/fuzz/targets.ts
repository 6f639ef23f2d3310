import fc from 'fast-check';
import { CodecError, decode, encode } from '../../bootstrap/codec.js';
import { encodeFrame, FrameDecoder, FrameError, type Message } from '../../bootstrap/message.js';
import { parseKeyValueArgs } from '../../dsl/compile/kv.js';
import { InventoryBuilder } from '../../dsl/inventory/build.js';
import { parseIniInventory } from '../../dsl/inventory/ini.js';
import { readYamlInventory } from '../../dsl/inventory/yaml-inventory.js';
import { Templar, TemplateError } from '../../dsl/template/templar.js';
import { loadYamlFile } from '../../dsl/yaml/load.js';

/**
 * One fuzz target: inputs from `input`, fed to `run`, which may throw only its documented typed error
 * (`expected`); anything else — another error class, a hang the count bounds, a crash — is a finding.
 */
export interface FuzzTarget<T = unknown> {
  name: string;
  input: fc.Arbitrary<T>;
  run(value: T): void;
  expected(error: unknown): boolean;
}

const bytes = fc.uint8Array({ maxLength: 512 });

/** Valid frames, then the stream of their bytes cut at arbitrary points and optionally corrupted. */
const frameStream = fc.record({
  messages: fc.array(
    fc.record({
      dst: fc.nat(),
      src: fc.nat(),
      auth: fc.nat(),
      handle: fc.nat(),
      replyTo: fc.nat(),
      enc: fc.integer({ min: 0, max: 255 }),
      payload: bytes.map((b) => Buffer.from(b)),
    }),
    { maxLength: 6 },
  ),
  cuts: fc.array(fc.nat(), { maxLength: 8 }),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
});

const codecValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 32 }).map((b) => Buffer.from(b)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

/** YAML-ish text: fragments that exercise indentation, anchors, tags, flow collections and scalars. */
const yamlText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '  ',
        '- ',
        ': ',
        'hosts',
        'all',
        'vars',
        'children',
        '{',
        '}',
        '[',
        ']',
        ', ',
        '&a ',
        '*a',
        '<<: *a',
        '!vault |',
        '!!str ',
        '"',
        "'",
        '#',
        '0644',
        'yes',
        'no',
        '~',
        '|',
        '>',
        '---',
        '...',
        'ansible_host',
        'web[1:3]',
        '%',
        '@',
        '`',
        '\t',
        '? ',
        '!!binary ',
        '!unsafe ',
        '=',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const iniText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '[',
        ']',
        'web',
        'db',
        ':children',
        ':vars',
        ' ',
        '=',
        'ansible_host',
        'x[1:3]',
        '[a:c]',
        '[01:10:2]',
        '"',
        "'",
        '#',
        ';',
        '\\',
        'a=b',
        'k="v w"',
        '\t',
        '{',
        '}',
        ',',
      ),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const kvText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ' ',
        '=',
        'a',
        'src',
        'dest',
        '"',
        "'",
        '\\',
        '\\n',
        '\\x4',
        '\\u12',
        '{{',
        '}}',
        '{%',
        '%}',
        '\t',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Template text from Jinja fragments with small numbers only (the count, not the input, bounds the time). */
const templateText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '{{ ',
        ' }}',
        '{% ',
        ' %}',
        '{# ',
        ' #}',
        'x',
        'y',
        'items',
        '1',
        '2',
        '3',
        '"s"',
        "'t'",
        ' | ',
        'default(',
        ')',
        '(',
        '[',
        ']',
        ', ',
        ' + ',
        ' ~ ',
        ' * ',
        ' if ',
        ' else ',
        ' for i in ',
        'endfor',
        'endif',
        'if ',
        'upper',
        'length',
        'int',
        'string',
        'join',
        'split',
        'bool',
        'to_json',
        'from_json',
        'range(',
        '.',
        ':',
        ' is defined',
        ' not ',
        ' and ',
        ' or ',
        'none',
        'true',
        'lookup(',
        'set ',
        '=',
        'omit',
        '-',
        '\n',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

const templar = new Templar({});

/** Keeps each target's input and run typed together, then lists it with the others. */
function target<T>(definition: FuzzTarget<T>): FuzzTarget {
  return definition as FuzzTarget;
}

/** Every fuzz target of `npm run fuzz` (and of the short run in the test suite). */
export const targets: FuzzTarget[] = [
  target({
    name: 'frame decoder',
    input: frameStream,
    run: ({ messages, cuts, flips }) => {
      const stream = Buffer.concat((messages as Message[]).map(encodeFrame));
      for (const [at, value] of flips) if (stream.length > 0) stream[at % stream.length] = value;
      const decoder = new FrameDecoder(1024);
      const points = [...new Set(cuts.map((c) => (stream.length ? c % stream.length : 0)))].sort(
        (a, b) => a - b,
      );
      let from = 0;
      for (const to of [...points, stream.length]) {
        decoder.push(stream.subarray(from, to));
        from = to;
      }
      decoder.finish();
    },
    expected: (error) => error instanceof FrameError,
  }),
  target({
    name: 'codec decode of arbitrary bytes',
    input: bytes,
    run: (input) => void decode(Buffer.from(input as Uint8Array)),
    expected: (error) => error instanceof CodecError,
  }),
  target({
    name: 'codec decode of mutated encodings',
    input: fc.tuple(
      codecValue,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    ),
    run: ([value, flips]) => {
      const payload = Buffer.from(encode(value));
      for (const [at, byte] of flips) payload[at % payload.length] = byte;
      decode(payload);
    },
    expected: (error) => error instanceof CodecError,
  }),
  target({
    name: 'YAML loader and YAML inventory',
    input: yamlText,
    run: (text) => {
      const loaded = loadYamlFile('fuzz.yml', text as string);
      if (loaded.issues.some((i) => i.severity === 'error')) return;
      readYamlInventory(loaded, new InventoryBuilder());
    },
    expected: () => false,
  }),
  target({
    name: 'INI inventory',
    input: iniText,
    run: (text) => void parseIniInventory(text as string, 'fuzz.ini', new InventoryBuilder()),
    expected: () => false,
  }),
  target({
    name: 'k=v parser',
    input: fc.tuple(kvText, fc.boolean()),
    run: ([text, freeForm]) =>
      void parseKeyValueArgs(text as string, freeForm ? { freeForm: '_raw_params' } : {}),
    expected: (error) =>
      error instanceof Error &&
      /^(expected key=value|unbalanced quotes or Jinja2 delimiters)/.test(error.message),
  }),
  target({
    name: 'templating',
    input: templateText,
    run: (text) => void templar.render(text, { x: 1, y: 'two', items: [1, 2, 3] }),
    expected: (error) => error instanceof TemplateError,
  }),
];
