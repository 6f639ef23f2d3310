import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../runner/cli/cli-errors.js';
import { parseArgs } from '../../../runner/cli/parse-args.js';

describe('parseArgs', () => {
  it('counts -vvv and separate -v flags together', () => {
    expect(parseArgs(['-vvv', '-v', 'site.yml']).options.verbose).toBe(4);
  });

  it('collects repeated -e values, attached or separate, and --opt=value forms', () => {
    const { options, positionals } = parseArgs(['-e', 'a=1', '-eb=2', '--extra-vars=c=3', 'site.yml']);
    expect(options.extraVars).toEqual(['a=1', 'b=2', 'c=3']);
    expect(positionals).toEqual(['site.yml']);
  });

  it('reads clustered short booleans followed by a value flag', () => {
    const { options } = parseArgs(['-CDbi', 'web1,web2,', 'site.yml']);
    expect(options).toMatchObject({ check: true, diff: true, become: true, inventory: ['web1,web2,'] });
  });

  it('takes two values for --explain-var', () => {
    expect(parseArgs(['--explain-var', 'port', 'web1', 'site.yml']).options.explainVar).toEqual([
      'port',
      'web1',
    ]);
  });

  it('accepts --timeout as another name of --connect-timeout', () => {
    expect(parseArgs(['--timeout', '5', 'x.yml']).options.connectTimeout).toBe('5');
  });

  it('treats everything after -- as playbooks', () => {
    expect(parseArgs(['--', '-weird.yml']).positionals).toEqual(['-weird.yml']);
  });

  it('names an unknown long or short flag', () => {
    expect(() => parseArgs(['--frobnicate'])).toThrow(
      new OptionError('--frobnicate', 'unknown option `--frobnicate`'),
    );
    expect(() => parseArgs(['-Cz'])).toThrow('unknown option `-z`');
  });

  it('names a flag whose value is missing', () => {
    expect(() => parseArgs(['site.yml', '--limit'])).toThrow('`--limit` needs a value (PATTERN)');
  });

  it('refuses a value given to a boolean flag', () => {
    expect(() => parseArgs(['--check=yes'])).toThrow('`--check` takes no value, got "yes"');
  });
});
