/**
 * Saving the graph from the page, through the same exporter registry as
 * `kg export` (src/graph/exporters.ts): the same graph gives the same bytes.
 */
import type { ExportFormat } from '../../graph/export-formats';
import type { GraphFile } from '../../model/graph-file';

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

/** Every file the format writes (CSV: nodes.csv and edges.csv). The writers load on demand. */
export async function downloadExport(format: ExportFormat, file: GraphFile): Promise<void> {
  const { exportGraph } = await import('../../graph/exporters');
  for (const { name, mime, text } of exportGraph(format, file)) downloadText(name, text, mime);
}
