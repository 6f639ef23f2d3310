import { describe, expect, test } from 'vitest';
import { fileModule } from '../../../modules/file/file.js';
import { lineinfileModule } from '../../../modules/lineinfile/lineinfile.js';
import { run } from '../support.js';

describe('arguments that are bad when the task runs', () => {
  test("fail in the words of Ansible's AnsibleModule", async () => {
    expect((await run(fileModule, { path: '/tmp', state: 'bogus' })).msg).toBe(
      'value of state must be one of: absent, directory, file, hard, link, touch, got: bogus',
    );
    expect((await run(lineinfileModule, { line: 'x' })).msg).toBe('missing required arguments: path');
    expect((await run(lineinfileModule, { path: '/tmp/x', line: 'x', bogus: 1 })).msg).toMatch(
      /^Unsupported parameters for \(lineinfile\) module: bogus\. Supported parameters include: .*backrefs.*path.* \(dest, destfile, name, regex, value\)\.$/,
    );
    expect(
      (await run(lineinfileModule, { path: '/tmp/x', line: 'x', insertafter: 'a', insertbefore: 'b' })).msg,
    ).toBe('parameters are mutually exclusive: insertbefore|insertafter');
  });
});
