import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const render = (text: string) => templar.render(text, { n: 3.0625, l: ['a'], r: { failed: false } });

describe('filters and tests Ansible has that nunjucks lacks', () => {
  test('format follows Python % formatting', () => {
    expect(render("{{ '%-6s|' | format('ab') }}")).toBe('ab    |');
    expect(render("{{ '%05.1f %d %s %r' | format(n, 7, l, 'x') }}")).toBe("003.1 7 ['a'] 'x'");
    expect(render("{{ '%(a)s-%%' | format({'a': 1}) }}")).toBe('1-%');
  });

  test('issubset, issuperset, successful, failure, path tests and expanduser', () => {
    expect(render('{{ [1] is issubset([1, 2]) }} {{ [1, 2] is issuperset([2]) }}')).toBe('True True');
    expect(render('{{ r is successful }} {{ r is failure }}')).toBe('True False');
    expect(render("{{ '/' is directory }} {{ '/' is file }} {{ '/no/such/path/h7' is exists }}")).toBe(
      'True False False',
    );
    expect(render("{{ '~/x' | expanduser }}")).not.toContain('~');
    expect(render('{{ l | string }}')).toBe("['a']");
  });
});
