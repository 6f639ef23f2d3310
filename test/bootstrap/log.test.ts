import { describe, expect, test } from 'vitest';
import { Logger, type LogRecord } from '../../bootstrap/log.js';

describe('loggers', () => {
  test('records made before the link is up are delivered in order once it is attached', () => {
    const log = new Logger('spindle', { id: 7, name: 'web1' }, 'info');
    const io = log.child('spindle.io', 'debug');
    log.info('booting');
    io.debug('frame 1');
    const seen: LogRecord[] = [];
    log.attach((record) => seen.push(record));
    log.warning('ready');
    expect(seen.map((r) => [r.logger, r.level, r.message])).toEqual([
      ['spindle', 'info', 'booting'],
      ['spindle.io', 'debug', 'frame 1'],
      ['spindle', 'warning', 'ready'],
    ]);
    expect(seen.every((r) => r.contextId === 7 && r.contextName === 'web1')).toBe(true);
  });

  test('records below the threshold are dropped where they are made', () => {
    const log = new Logger('spindle', { id: 0, name: 'master' }, 'warning');
    const seen: LogRecord[] = [];
    log.attach((record) => seen.push(record));
    log.info('chatter');
    log.error('broken');
    expect(seen.map((r) => r.message)).toEqual(['broken']);
    expect(log.enabled('debug')).toBe(false);
  });
});
