import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Templar, type TemplateError } from '../../../dsl/template/templar.js';

const templar = new Templar();
const dir = mkdtempSync(join(tmpdir(), 'spindle-filters-'));
mkdirSync(join(dir, 'sub'));
writeFileSync(join(dir, 'one.txt'), '1');
writeFileSync(join(dir, 'two.txt'), '2');
writeFileSync(join(dir, '.hidden.txt'), 'h');
const vars = { dir, x: { x: 'x', key: 'x' }, y: { y: 'y', key: 'y' } };
const ev = (expression: string) => templar.evaluate(expression, vars);
const failure = (expression: string) => {
  try {
    ev(expression);
  } catch (error) {
    return error as TemplateError;
  }
  throw new Error(`${expression} did not fail`);
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Ansible's data-structure filters", () => {
  test('combine merges left to right, recursively and with list_merge on request', () => {
    expect(ev('x | combine(y)')).toEqual({ x: 'x', y: 'y', key: 'y' });
    expect(ev('[x, y] | combine')).toEqual({ x: 'x', y: 'y', key: 'y' });
    expect(ev('None | combine')).toEqual({});
    expect(
      ev(
        '{"a": {"b": [1, 2]}} | combine({"a": {"b": [2, 3], "c": 1}}, recursive=True, list_merge="append_rp")',
      ),
    ).toEqual({
      a: { b: [1, 2, 3], c: 1 },
    });
  });

  test("a filter's refusal is the error's whole message, as Ansible reports it", () => {
    const error = failure('[1] | combine(foo="bar")');
    expect(error.filterMessage).toBe("'recursive' and 'list_merge' are the only valid keyword arguments");
    expect(failure('[x, [y]] | combine').filterMessage).toMatch(
      /^failed to combine variables, expected dicts but got a 'dict' and a 'list'/,
    );
    expect(failure('True | subelements("foo")').filterMessage).toBe(
      'obj must be a list of dicts or a nested dict',
    );
    expect(failure('"]]^" | regex_escape(re_type="haha")').filterMessage).toBe('Invalid regex type (haha)');
  });

  test('mandatory names the undefined variable or attribute, as Jinja2 does', () => {
    expect(failure('hey | mandatory').filterMessage).toBe("Mandatory variable 'hey'  not defined.");
    expect(failure('x.nope | mandatory').filterMessage).toBe("Mandatory variable 'nope'  not defined.");
    expect(failure('hey | mandatory("sad wolf")').filterMessage).toBe('sad wolf');
    expect(ev('x | mandatory')).toEqual({ x: 'x', key: 'x' });
  });

  test('flatten drops nulls unless told and stops at levels', () => {
    expect(ev('[1, None, [3, [4, [5]], 6], 7] | flatten')).toEqual([1, 3, 4, 5, 6, 7]);
    expect(ev('[1, "None", [3, [4, [5]]]] | flatten(levels=1, skip_nulls=False)')).toEqual([
      1,
      'None',
      3,
      [4, [5]],
    ]);
  });

  test('extract follows keys into lists and dicts, undefined when missing', () => {
    expect(ev('1 | extract(["a", "b"])')).toBe('b');
    expect(ev('"k" | extract({"k": {"s": 2}}, "s")')).toBe(2);
    expect(ev('"nope" | extract({"k": 1}) | default("d")')).toBe('d');
  });

  test('comment decorates text in each style', () => {
    expect(ev('"boo!" | comment')).toBe('#\n# boo!\n#');
    expect(ev('"boo!" | comment(style="cblock")')).toBe('/*\n *\n * boo!\n *\n */');
    expect(ev('"boo!" | comment(decoration="")')).toBe('boo!\n');
  });

  test('random and shuffle with a seed pick what Python picks; random refuses start on a list', () => {
    expect(ev('[1,2,3,4,5,6,7,8,9] | shuffle(seed="localhost")')).toEqual([6, 1, 2, 4, 5, 3, 9, 7, 8]);
    expect(ev('100 | random(seed="x")')).toBe(80);
    expect(failure('[1,2,3] | random(start=2)').filterMessage).toMatch(/start and step can only be used/);
  });

  test('fileglob lists regular files only, not hidden ones, and nothing for a missing folder', () => {
    expect((ev('(dir ~ "/*") | fileglob') as string[]).sort()).toEqual([
      join(dir, 'one.txt'),
      join(dir, 'two.txt'),
    ]);
    expect(ev('"/nonexistent/*.txt" | fileglob')).toEqual([]);
  });

  test('type_debug names Python types and quote follows shlex', () => {
    expect(
      ev('[1 | type_debug, 1.5 | type_debug, "a" | type_debug, None | type_debug, {} | type_debug]'),
    ).toEqual(['int', 'float', 'str', 'NoneType', 'dict']);
    expect(ev('None | quote')).toBe("''");
    expect(ev('"a b" | quote')).toBe("'a b'");
    expect(ev('"abc" | quote')).toBe('abc');
  });
});

describe("Ansible's encoding and number filters", () => {
  test('to_json and to_nice_json write as Python json.dumps', () => {
    expect(ev('{"b": [1, "é"], "a": None} | to_json')).toBe('{"b": [1, "\\u00e9"], "a": null}');
    expect(ev('{"b": 1, "a": []} | to_nice_json')).toBe('{\n    "a": [],\n    "b": 1\n}');
  });

  test('hash, uuid, base64 in other encodings and URL quoting match Python', () => {
    expect(ev('"café" | hash("sha1")')).toBe('f424452a9673918c6f09b0cdd35b20be8e6ae7d7');
    expect(ev('"monkeys" | to_uuid')).toBe('0d03a178-da0f-5b51-934e-cda9c76578c3');
    expect(ev('"Ansible\n" | b64encode(encoding="utf-16-le")')).toBe('QQBuAHMAaQBiAGwAZQAKAA==');
    expect(ev('"a b/c&d" | urlencode')).toBe('a%20b/c%26d');
    expect(ev('{"a": "b c", "d": "é"} | urlencode')).toBe('a=b+c&d=%C3%A9');
    expect(ev('"a+b%20c%C3%A9" | urldecode')).toBe('a b cé');
    expect(failure('"x" | hash("nope")').filterMessage).toMatch(/unsupported hash type/);
  });

  test('regex_search returns groups when asked; regex_replace expands Python templates', () => {
    expect(
      ev('"goodbye" | regex_search("(?P<first>good)(?P<second>bye)", "\\g<second>", "\\g<first>")'),
    ).toEqual(['bye', 'good']);
    expect(ev('"hello" | regex_search("HELLO", ignorecase=true)')).toBe('hello');
    expect(ev('"hElLo there" | regex_replace("hello", "hi", ignorecase=True)')).toBe('hi there');
  });

  test('vault and unvault round-trip with a given salt', () => {
    expect(ev('"secret" | vault("test", salt="7") | unvault("test")')).toBe('secret');
    expect(ev('"secret" | vault("test", salt="7")')).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;filter_default\n/);
  });

  test('int and float parse text as Python does, log/pow/root refuse text', () => {
    expect(ev('["0x1F" | int(base=16), "1.9" | int, "x" | int(7), " 12 " | int]')).toEqual([31, 1, 7, 12]);
    expect(Number.isNaN(ev('"nan" | float') as number)).toBe(true);
    expect(ev('"1abc" | float')).toBe(0);
    expect(ev('100 | log(10)')).toBe(2);
    expect(failure('"yo" | log').filterMessage).toMatch(/can only be used on numbers/);
    expect(ev('[1000, -99] | min')).toBe(-99);
  });
});

describe("Jinja2's filters that nunjucks defines differently", () => {
  test('groupby gives sorted (grouper, items) pairs', () => {
    const fruits = '[{"n": "apple", "e": true}, {"n": "orange", "e": false}, {"n": "kiwi", "e": true}]';
    expect(ev(`${fruits} | groupby("e")`)).toEqual([
      [false, [{ n: 'orange', e: false }]],
      [
        true,
        [
          { n: 'apple', e: true },
          { n: 'kiwi', e: true },
        ],
      ],
    ]);
  });

  test('tuples are lists, also the empty one', () => {
    expect(ev('() | urlencode')).toBe('');
    expect(ev('(1, 2)')).toEqual([1, 2]);
    expect(ev('(1 + 2) * 3')).toBe(9);
  });

  test('list and join of a dict use its keys', () => {
    expect(ev('{"a": 1, "b": 2} | list')).toEqual(['a', 'b']);
    expect(ev('[1, None, "x"] | join(",")')).toBe('1,None,x');
  });
});
