/**
 * The bytes of rendered text in a Python codec's encoding (the `template` module's `output_encoding`): UTF-8,
 * UTF-16/32 variants, ASCII, Latin-1, and the single-byte code pages the runtime can decode (windows-1252,
 * iso-8859-15, koi8-r …), whose tables are read back from its decoder. A character the encoding cannot hold
 * fails as Python's strict encoder does; an encoding nobody knows fails with Python's "unknown encoding".
 */
export function encodeText(text: string, encoding: string): Buffer {
  const name = encoding.toLowerCase().replace(/_/g, '-');
  if (name === 'utf-8' || name === 'utf8') return Buffer.from(text, 'utf8');
  if (name === 'utf-16' || name === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]);
  if (name === 'utf-16-le' || name === 'utf-16le') return utf16le(text);
  if (name === 'utf-16-be' || name === 'utf-16be') return utf16le(text).swap16();
  if (name === 'ascii' || name === 'us-ascii') return bytesBelow(text, 0x80, encoding);
  if (['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1'].includes(name))
    return bytesBelow(text, 0x100, encoding);
  const table = singleByteTable(name);
  if (!table) throw new Error(`unknown encoding: ${encoding}`);
  const out = Buffer.alloc(text.length);
  let length = 0;
  for (const char of text) {
    const byte = table.get(char);
    if (byte === undefined) throw unencodable(encoding, char, length);
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

function bytesBelow(text: string, limit: number, encoding: string): Buffer {
  let position = 0;
  for (const char of text) {
    if ((char.codePointAt(0) ?? 0) >= limit) throw unencodable(encoding, char, position);
    position++;
  }
  return Buffer.from(text, 'latin1');
}

function unencodable(encoding: string, char: string, position: number): Error {
  const code = (char.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
  return new Error(
    `'${encoding}' codec can't encode character '\\u${code}' in position ${position}: character maps to <undefined>`,
  );
}

const tables = new Map<string, Map<string, number> | undefined>();

/** Bytes 0x80–0x9F of windows-1252 (U+FFFD: unassigned), which Node's decoder reads as Latin-1's controls. */
const WINDOWS_1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

function windows1252(): Map<string, number> {
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    if (char !== '\ufffd') table.set(char, byte);
  }
  return table;
}

/** Character → byte of a single-byte encoding, built by decoding every byte; undefined for other encodings. */
function singleByteTable(name: string): Map<string, number> | undefined {
  if (tables.has(name)) return tables.get(name);
  let table: Map<string, number> | undefined;
  const label = /^cp(\d+)$/.test(name) ? `windows-${name.slice(2)}` : name;
  try {
    if (label === 'windows-1252') return windows1252();
    const decoder = new TextDecoder(label, { fatal: false });
    table = new Map();
    for (let byte = 0; byte < 256; byte++) {
      const char = decoder.decode(Uint8Array.of(byte));
      if (char.length !== 1 || char === '\ufffd') continue;
      if (!table.has(char)) table.set(char, byte);
    }
    if (table.size < 200) table = undefined; // a multi-byte encoding: its single bytes are mostly not characters
  } catch {
    table = undefined;
  }
  tables.set(name, table);
  return table;
}
