import type { GraphNode } from '../graph.js';
import { hasTemplate } from '../template/has-template.js';
import { Templar } from '../template/templar.js';
import { tagList } from './common-keywords.js';

/**
 * What Ansible templates once per play, before any host runs: the play's name (its banner) and the tags of its
 * tasks (`tags: "{{ list }}"`, for --tags and --list-tasks), with the play's variables and the extra vars.
 * Text that does not render there (it needs a host's variables) stays as written, as in Ansible.
 */
export class PlayTemplates {
  private templar?: Templar;

  constructor(private readonly vars: Record<string, unknown>) {}

  /** `text` rendered, or as written when it holds no template or does not render. */
  text(text: string): string {
    if (!hasTemplate(text)) return text;
    const rendered = this.render(text);
    return rendered === undefined ? text : String(rendered);
  }

  /** Every node's tags rendered (a template may give a list or comma-separated text), blocks' too. */
  nodes(nodes: GraphNode[]): GraphNode[] {
    return nodes.map((node) => {
      const tags = this.tags(node.tags);
      if (node.kind !== 'block') return tags === node.tags ? node : { ...node, tags };
      return {
        ...node,
        tags,
        block: this.nodes(node.block),
        rescue: this.nodes(node.rescue),
        always: this.nodes(node.always),
      };
    });
  }

  private tags(tags: string[]): string[] {
    if (!tags.some(hasTemplate)) return tags;
    return [
      ...new Set(
        tags.flatMap((tag) => {
          if (!hasTemplate(tag)) return [tag];
          const rendered = this.render(tag);
          return rendered === undefined ? [tag] : tagList(rendered);
        }),
      ),
    ];
  }

  private render(text: string): unknown {
    this.templar ??= new Templar();
    try {
      return this.templar.render(text, this.vars);
    } catch {
      return undefined;
    }
  }
}
