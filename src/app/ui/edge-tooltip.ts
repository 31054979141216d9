/**
 * Names an edge under the pointer: "Минфин — cooperates with — Тлеген Маткенов".
 * Labels come from articles, so the tooltip is filled with text only.
 */
import type { KnowledgeGraph } from '../data/graph-io';
import { t } from '../i18n';
import type { GraphView } from '../sigma/renderer';

export function mountEdgeTooltip(tooltip: HTMLElement, view: GraphView, graph: KnowledgeGraph): void {
  view.onEnterEdge((edge, at) => {
    if (!graph.hasEdge(edge)) return;
    const attrs = graph.getEdgeAttributes(edge);
    const label = (node: string) => graph.getNodeAttribute(node, 'label');
    const arrow = graph.isDirected(edge) ? '→' : '—';
    const weight = attrs.weight > 1 ? ` ×${attrs.weight}` : '';
    tooltip.textContent = `${label(graph.source(edge))} ${arrow} ${t().relationTypes[attrs.type]}${weight} ${arrow} ${label(graph.target(edge))}`;
    tooltip.dataset['relation'] = attrs.type;
    tooltip.style.left = `${at.x + 12}px`;
    tooltip.style.top = `${at.y + 12}px`;
    tooltip.hidden = false;
  });
  view.onLeaveEdge(() => {
    tooltip.hidden = true;
  });
}
