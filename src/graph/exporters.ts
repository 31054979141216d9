/**
 * The one registry of graph exporters: `kg export` and the page's download menu
 * both write through it, so the same graph file gives the same bytes whichever
 * wrote it. Isomorphic (strings in, strings out; no Node or DOM API), so the
 * page can load it on demand.
 */
import type { GraphFile } from '../model/graph-file';
import { toCsv, toGexf, toGraphml } from './export';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, type ExportFormat } from './export-formats';
import { canonicalGraphFile, serializeGraphFile } from './serialize';

export { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat };

/** One file an export produces (CSV produces two). */
export interface ExportedFile {
  name: string;
  mime: string;
  text: string;
}

export interface Exporter {
  format: ExportFormat;
  write(file: GraphFile): ExportedFile[];
}

export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  json: { format: 'json', write: (file) => [{ name: 'graph.json', mime: 'application/json', text: serializeGraphFile(file) }] },
  gexf: { format: 'gexf', write: (file) => [{ name: 'graph.gexf', mime: 'application/xml', text: toGexf(file) }] },
  graphml: { format: 'graphml', write: (file) => [{ name: 'graph.graphml', mime: 'application/xml', text: toGraphml(file) }] },
  csv: {
    format: 'csv',
    write: (file) => {
      const { nodes, edges } = toCsv(file);
      return [
        { name: 'nodes.csv', mime: 'text/csv', text: nodes },
        { name: 'edges.csv', mime: 'text/csv', text: edges },
      ];
    },
  },
};

/**
 * The files of one format. The graph is put in canonical order first: a store and
 * the page hold the same graph in different orders, and the bytes must not depend on it.
 */
export function exportGraph(format: ExportFormat, file: GraphFile): ExportedFile[] {
  return EXPORTERS[format].write(canonicalGraphFile(file));
}
