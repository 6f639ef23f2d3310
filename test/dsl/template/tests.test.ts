import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = {
  failedResult: { failed: true, changed: false },
  loopResult: { results: [{ changed: false }, { changed: true }] },
  asyncRunning: { started: 1, finished: 0 },
};
const ev = (expression: string) => templar.evaluate(expression, vars);

describe("Ansible's and Jinja2's tests", () => {
  test('result tests read task results and refuse anything that is not a dict', () => {
    expect(ev('failedResult is failed and failedResult is not successful')).toBe(true);
    expect(ev('loopResult is changed and {} is not changed')).toBe(true);
    expect(ev('asyncRunning is started and asyncRunning is not finished and {} is finished')).toBe(true);
    expect(() => ev('"nope" is failure')).toThrow(/The 'failed' test expects a dictionary/);
    expect(() => ev('"nope" is reachable')).toThrow(/The 'unreachable' test expects a dictionary/);
  });

  test('truthy and falsy use Python truth, converting boolean words only when asked', () => {
    expect(ev('"string" is truthy and "off" is truthy and [""] is truthy and {} is falsy')).toBe(true);
    expect(ev('"off" is falsy(convert_bool=True) and "fred" is truthy(convert_bool=True)')).toBe(true);
  });

  test('regex tests take ignorecase and multiline; any and all look at items', () => {
    expect(ev('"hello" is regex(".L", ignorecase=true)')).toBe(true);
    expect(ev('"hello\nAnsible" is regex("^Ansible", multiline=true)')).toBe(true);
    expect(ev('"hello\nAnsible" is regex("^Ansible")')).toBe(false);
    expect(ev('[true, false] is any and [true, false] is not all')).toBe(true);
  });

  test('regex tests on a dict or list search its Python text, as Ansible searches to_text of the value', () => {
    expect(ev("{'msg': 'unable to slurp file: x'} is search('unable to slurp file')")).toBe(true);
    expect(ev("['a', True] is search(\"'a', True\")")).toBe(true);
    expect(ev("failedResult is search('missing')")).toBe(false);
  });

  test('deprecated spellings, nan and path tests exist', () => {
    expect(ev('"." is is_dir and "/" is is_abs and "/" is is_mount and "/" is is_same_file("/")')).toBe(true);
    expect(ev('("nan" | float) is isnan and "bad" is not nan')).toBe(true);
    expect(ev('[1] is issubset([1, 2]) and [1, 2] is superset([1]) and [1] is contains(1)')).toBe(true);
  });

  test('version compares PEP 440 pre-releases', () => {
    expect(ev('"2.14.0rc1" is version("2.14.0", "lt", version_type="pep440")')).toBe(true);
    expect(() => ev('"" is version("1.0", ">")')).toThrow(/version value cannot be empty/);
  });
});
