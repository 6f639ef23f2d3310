export async function runTool(): Promise<number> {
  return 0;
}
