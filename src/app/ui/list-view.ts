/**
 * The accessible alternative to the canvas: a table of the visible entities,
 * each name a button that selects it, so screen-reader and keyboard users can
 * reach every node.
 */
import type { KnowledgeGraph } from '../data/graph-io';
import { t } from '../i18n';
import { clear, el } from './dom';

const MAX_ROWS = 500;

export function renderListView(
  container: HTMLElement,
  graph: KnowledgeGraph,
  visible: ReadonlySet<string>,
  selected: string | null,
  onSelect: (node: string) => void,
): void {
  clear(container);
  const s = t();
  const nodes = [...visible].filter((n) => graph.hasNode(n));
  nodes.sort((a, b) => graph.getNodeAttribute(b, 'mentions') - graph.getNodeAttribute(a, 'mentions'));
  const rows = nodes.slice(0, MAX_ROWS).map((node) => {
    const attrs = graph.getNodeAttributes(node);
    return el(
      'tr',
      { attrs: node === selected ? { 'aria-current': 'true' } : {} },
      el('th', { attrs: { scope: 'row' } }, el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': node }, on: { click: () => onSelect(node) } }, attrs.label)),
      el('td', {}, s.entityTypes[attrs.type]),
      el('td', { class: 'num' }, String(attrs.mentions)),
      el('td', { class: 'num' }, String(graph.degree(node))),
    );
  });
  container.append(
    el(
      'table',
      { attrs: { 'data-testid': 'entity-list' } },
      el('caption', {}, nodes.length > MAX_ROWS ? `${s.listCaption} (${MAX_ROWS} / ${nodes.length})` : s.listCaption),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { attrs: { scope: 'col' } }, s.name), el('th', { attrs: { scope: 'col' } }, s.type), el('th', { attrs: { scope: 'col' } }, s.mentionsLabel), el('th', { attrs: { scope: 'col' } }, s.degree)),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}
