import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../bootstrap/errors.js';
import { DslError } from '../../../dsl/issues.js';
import { TemplateError } from '../../../dsl/template/template-error.js';
import { VaultError } from '../../../dsl/vault/secrets.js';
import { describeFailure, withErrorBoundary } from '../../../runner/cli/boundary.js';
import { InterruptedError, OptionError } from '../../../runner/cli/cli-errors.js';
import { StringSink } from '../../../runner/report/text-sink.js';

describe('error boundary', () => {
  it('maps a bad option to exit 5 and tells where to look', () => {
    const { code, text } = describeFailure(new OptionError('--forks', 'Expected `--forks` to be …'));
    expect(code).toBe(5);
    expect(text).toBe('play: error: Expected `--forks` to be …\nRun `play --help` for the options.');
  });

  it('maps playbook issues to exit 4 with file:line:column', () => {
    const error = new DslError([
      { code: 'x', severity: 'error', message: 'bad thing', file: 'site.yml', line: 3, column: 5 },
    ]);
    const { code, text } = describeFailure(error);
    expect(code).toBe(4);
    expect(text).toContain('site.yml:3:5 bad thing');
  });

  it('maps an interruption to 99', () => {
    expect(describeFailure(new InterruptedError('x')).code).toBe(99);
  });

  it('tells errors apart by their kind, not their name', () => {
    expect(describeFailure(new TemplateError('undefined', "'x' is undefined")).code).toBe(4);
    expect(describeFailure(new VaultError('Decryption failed')).text).toBe('play: error: Decryption failed');
    expect(describeFailure(new ConnectError('auth', 'permission denied', [], 'web1'))).toEqual({
      code: 4,
      text: 'play: web1: permission denied',
    });
    const renamed = new Error('looks like one');
    renamed.name = 'TemplateError';
    expect(describeFailure(renamed).code).toBe(250);
  });

  it('calls anything else a bug: exit 250 with the stack', () => {
    const { code, text } = describeFailure(new TypeError('undefined is not a function'));
    expect(code).toBe(250);
    expect(text).toContain('this is a bug, please report it');
    expect(text).toContain('TypeError: undefined is not a function\n    at ');
  });

  it('writes the message to stderr and returns the code', async () => {
    const err = new StringSink();
    const code = await withErrorBoundary(async () => {
      throw new OptionError('--x', 'nope');
    }, err);
    expect(code).toBe(5);
    expect(err.text).toBe('play: error: nope\nRun `play --help` for the options.\n');
  });

  it('passes the command’s own exit code through', async () => {
    expect(await withErrorBoundary(async () => 2, new StringSink())).toBe(2);
  });
});
