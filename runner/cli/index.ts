export { type AnsibleConfig, findConfigFile, parseAnsibleConfig } from './ansible-config.js';
export { describeFailure, withErrorBoundary } from './boundary.js';
export { runCli } from './cli.js';
export { EXIT, InterruptedError, OptionError } from './cli-errors.js';
export { type CliIo, processIo } from './cli-io.js';
export { FLAGS, type FlagSpec } from './flags.js';
export { type ParsedArgs, parseArgs } from './parse-args.js';
export { type Plan, type PlaybookAction, planCommand } from './plan.js';
export { resolveSettings, type Settings } from './settings.js';
