const recapLine =
  /^(\S+)\s+:\s+(ok=\d+\s+changed=\d+\s+unreachable=\d+\s+failed=\d+\s+skipped=\d+\s+rescued=\d+\s+ignored=\d+)/;

/** Extracts the PLAY RECAP lines of a run's output (`host: ok=… changed=… …`, whitespace-normalised, in order). */
export function parseRecap(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const m = recapLine.exec(line);
    if (m) out.push(`${m[1]}: ${m[2].replace(/\s+/g, ' ')}`);
  }
  return out;
}
