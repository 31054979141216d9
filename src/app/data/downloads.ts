/** Saving files from the page: the graph JSON (the CLI's versioned format) and GEXF. */
import type { GraphFile } from '../../model/graph-file';
import type { KnowledgeGraph } from './graph-io';

export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The graph file exactly as the CLI writes it (canonical order, compact version-2 form). */
export async function downloadGraphJson(file: GraphFile): Promise<void> {
  const { serializeGraphFile } = await import('../../graph/serialize');
  downloadText('graph.json', serializeGraphFile(file), 'application/json');
}

/** GEXF for Gephi: scalar attributes and positions (evidence stays in the JSON export). Loaded on demand. */
export async function downloadGexf(graph: KnowledgeGraph, colorOf: (node: string) => string): Promise<void> {
  const { write } = await import('graphology-gexf/browser');
  const gexf = write(graph, {
    version: '1.3',
    formatNode: (key, attrs) => ({
      label: attrs.label,
      viz: { color: colorOf(key), ...(attrs.x !== undefined && attrs.y !== undefined ? { x: attrs.x, y: attrs.y } : {}), size: Math.sqrt(attrs.mentions) + 1 },
      attributes: {
        type: attrs.type,
        subtype: attrs.subtype ?? '',
        aliases: attrs.aliases.join(' | '),
        mentions: attrs.mentions,
        articles: attrs.articles.join(' '),
      },
    }),
    formatEdge: (_key, attrs) => ({ label: attrs.type, weight: attrs.weight, attributes: { type: attrs.type } }),
  });
  downloadText('graph.gexf', gexf, 'application/xml');
}
