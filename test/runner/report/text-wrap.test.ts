import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../runner/report/text-wrap.js';

// The expected lines were printed by Python 3.11's textwrap.wrap(text, 79).
describe('wrapText', () => {
  it('breaks at the last space that fits, as Ansible wraps a warning', () => {
    expect(
      wrapText(
        '[WARNING]: conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: "{{ foo }}" == "bar"',
      ),
    ).toEqual([
      '[WARNING]: conditional statements should not include jinja2 templating',
      'delimiters such as {{ }} or {% %}. Found: "{{ foo }}" == "bar"',
    ]);
  });

  it('breaks after a hyphen inside a word, and fills a line with a word longer than a line', () => {
    expect(
      wrapText(
        '[WARNING]: Could not match supplied host pattern, ignoring: non-existant-host-with-a-very-long-name-that-goes-on-and-on-forever-and-ever-and-ever',
      ),
    ).toEqual([
      '[WARNING]: Could not match supplied host pattern, ignoring: non-existant-host-',
      'with-a-very-long-name-that-goes-on-and-on-forever-and-ever-and-ever',
    ]);
    expect(
      wrapText(
        '[WARNING]: a   b  with  several   spaces and a veryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword end',
      ),
    ).toEqual([
      '[WARNING]: a   b  with  several   spaces and a veryveryveryveryveryveryveryvery',
      'veryveryveryveryveryveryveryveryveryverylongword end',
    ]);
  });

  it('keeps a short text on one line', () => {
    expect(wrapText('[WARNING]: short')).toEqual(['[WARNING]: short']);
  });
});
