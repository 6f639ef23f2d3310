import { describe, expect, test } from 'vitest';
import { groupModule } from '../../modules/group.js';

describe('group arguments', () => {
  test('non_unique needs a gid, as Ansible requires', () => {
    expect(groupModule.args.safeParse({ name: 'foo', non_unique: true }).success).toBe(false);
    expect(groupModule.args.safeParse({ name: 'foo', non_unique: true, gid: 1234 }).success).toBe(true);
    expect(groupModule.args.safeParse({ name: 'foo' }).success).toBe(true);
  });
});
