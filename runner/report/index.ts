export { banner } from './banner.js';
export { renderDiff } from './diff-text.js';
export * from './events.js';
export { createJsonRecorder, createJsonReporter, type JsonRecord } from './json-reporter.js';
export { createJunitCollector, createJunitReporter, type JunitCase, junitXml } from './junit-reporter.js';
export { type ColorLevel, colorLevel, makePalette, type Palette } from './palette.js';
export { createPlainReporter, type PlainReporterOptions } from './plain-reporter.js';
export { pythonJson } from './python-json.js';
export { emptyStats, recapLine, recapLines } from './recap.js';
export { safeValue } from './safe-value.js';
export {
  createReporter,
  defaultReporterName,
  type ReporterChoice,
  type ReporterName,
} from './select-reporter.js';
export { combineReporters, createSilentReporter } from './silent-reporter.js';
export { StringSink, type TextSink } from './text-sink.js';
// The tty reporter is reached through createReporter({ name: 'tty' }) so listr2 loads only when used.
export type { TtyReporterOptions } from './tty-reporter.js';
