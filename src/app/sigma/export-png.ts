/** PNG of the current view through @sigma/export-image (loaded on demand: it is not needed to draw). */
import type Sigma from 'sigma';
import type { EntityNodeAttributes, RelationEdgeAttributes } from '../../model/graph-file';

export async function downloadPng(sigma: Sigma<EntityNodeAttributes, RelationEdgeAttributes>): Promise<void> {
  const { downloadAsPNG } = await import('@sigma/export-image');
  // export-image is typed for the default attribute maps; it only reads display data.
  await downloadAsPNG(sigma as unknown as Sigma, { fileName: 'graph', backgroundColor: '#ffffff' });
}
