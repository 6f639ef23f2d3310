/**
 * The folders of `modules/` that hold code several modules share (the module contract, host helpers, the HTTP
 * client, Python-compatible text helpers). The module responder ships each of their files once per context
 * instead of inlining it into every module that imports it; a module's own folder is inlined into its bundle.
 */
export const SHARED_MODULE_FOLDERS = ['contract', 'host', 'http', 'text'] as const;
