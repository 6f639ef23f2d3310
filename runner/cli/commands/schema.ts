import type { CliIo } from '../cli-io.js';

/** `play schema`: the JSON Schema of playbooks, for editors (yaml-language-server) and CI linting. */
export async function execute(_plan: unknown, io: CliIo): Promise<number> {
  const dsl = (await import('../../../dsl/index.js')) as { playbookJsonSchema?: () => object };
  if (!dsl.playbookJsonSchema) throw new Error('dsl/index.ts does not export playbookJsonSchema() yet');
  io.stdout.write(`${JSON.stringify(dsl.playbookJsonSchema(), null, 2)}\n`);
  return 0;
}
