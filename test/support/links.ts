import { PassThrough } from 'node:stream';
import { Logger, type LogRecord } from '../../bootstrap/log.js';
import { Router } from '../../bootstrap/router.js';
import { Stream } from '../../bootstrap/stream.js';

/** A router for in-process tests, logging into `records`. */
export function makeRouter(
  id: number,
  ancestors: number[],
  records: LogRecord[] = [],
  maxMessageSize = 1 << 20,
): Router {
  const log = new Logger('spindle', { id, name: `c${id}` });
  log.attach((r) => records.push(r));
  return new Router({ id, name: `c${id}`, ancestors, log, maxMessageSize });
}

/** Connects `child` below `parent` with in-memory pipes, as a boot would. */
export function link(parent: Router, child: Router): { down: Stream; up: Stream } {
  const toChild = new PassThrough();
  const toParent = new PassThrough();
  const max = parent.maxMessageSize;
  const down = new Stream(
    toParent,
    toChild,
    { remoteId: child.id, remoteName: child.name, isParent: false, maxMessageSize: max },
    (m, s) => parent.route(m, s),
  );
  parent.addChild(down);
  const up = new Stream(
    toChild,
    toParent,
    { remoteId: parent.id, remoteName: parent.name, isParent: true, maxMessageSize: max },
    (m, s) => child.route(m, s),
  );
  child.setParent(up);
  return { down, up };
}
