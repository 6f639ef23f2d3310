import { describe, expect, test } from 'vitest';
import { tool } from '../../../modules/unarchive/archive-members.js';

describe('unarchive with its extraction tool missing', () => {
  test('fails saying the required binary is not in the path, in the words Ansible uses', async () => {
    await expect(tool(['spindle-no-such-unzip', '-l', 'x.zip'], { environment: {} })).rejects.toThrow(
      /Unable to find required 'spindle-no-such-unzip' binary in the path/,
    );
  });
});
