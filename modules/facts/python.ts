import { commandOutput, exists, findExecutable, once } from './host-files.js';

/** What the host's python3 says about itself: Ansible's `python` facts and its version. */
interface PythonProbe {
  python: Record<string, unknown>;
  version: string;
}

const PROBE = [
  'import sys, json, ssl',
  'v = sys.version_info',
  'print(json.dumps({"python": {"executable": sys.executable, "has_sslcontext": hasattr(ssl, "SSLContext"),',
  ' "type": sys.implementation.name, "version": {"major": v.major, "minor": v.minor, "micro": v.micro,',
  ' "releaselevel": v.releaselevel, "serial": v.serial}, "version_info": list(v)},',
  ' "version": "%d.%d.%d" % v[:3]}))',
].join('\n');

/** The interpreter Ansible's discovery picks on Linux: the system's /usr/bin/python3, else python3 on PATH. */
export function discoveredPython(): string | undefined {
  return exists('/usr/bin/python3') ? '/usr/bin/python3' : findExecutable('python3');
}

/** The host's python3, asked once per context (Ansible describes the interpreter that runs its module). */
export const pythonProbe = once((): PythonProbe | undefined => {
  const python = discoveredPython();
  const out = python ? commandOutput(python, ['-c', PROBE]) : undefined;
  if (!out) return undefined;
  try {
    return JSON.parse(out) as PythonProbe;
  } catch {
    return undefined;
  }
});

/** The `python` collector: `ansible_python` (empty mapping without a python3, where Ansible could not run at all). */
export function pythonFacts(): Record<string, unknown> {
  return { python: pythonProbe()?.python ?? {} };
}
