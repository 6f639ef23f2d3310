/** One benchmark figure, printed as a JSON line: `{"name", "value", "unit"}`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** Prints a figure as one JSON line on stdout. */
export function report(name: string, value: number, unit: string): void {
  const figure: Figure = { name, value: Math.round(value * 100) / 100, unit };
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
