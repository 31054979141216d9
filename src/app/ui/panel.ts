/**
 * The details panel: who or what a node is and why it exists. Every string that
 * comes from an article goes through text nodes (dom.ts); mentions are marked
 * with <mark> built from offsets, never by inserting HTML.
 */
import type { ArticleRecord, MentionEvidence, RelationEvidence } from '../../model/graph-file';
import type { RelationType } from '../../model/vocabulary';
import type { KnowledgeGraph } from '../data/graph-io';
import { t } from '../i18n';
import type { Focus } from '../state/view-state';
import { TYPE_COLORS } from '../view/appearance';
import type { Metrics } from '../view/metrics';
import type { MetricsStatus } from '../view/metrics-client';
import { isApiSource } from '../data/source';
import { clear, el, markedText, safeHref } from './dom';
import { entityEvidence, relationEvidence } from './evidence-loader';

export interface PanelActions {
  navigate(node: string): void;
  back(): void;
  forward(): void;
  close(): void;
  focus(node: string, hops: 1 | 2): void;
  clearFocus(): void;
  pathFrom(node: string): void;
}

export interface PanelContext {
  graph: KnowledgeGraph;
  articles: ReadonlyMap<string, ArticleRecord>;
  metrics: Metrics | null;
  canBack: boolean;
  canForward: boolean;
  focus: Focus | null;
  /** The relation filters: the panel lists only the relations the graph shows. */
  hiddenRelations: readonly RelationType[];
  minCooccurrence: number;
  /** Whether metrics are being computed (in the worker) or could not be. */
  metricsStatus: MetricsStatus;
  actions: PanelActions;
}

const MAX_EVIDENCE_SHOWN = 8;

export function renderDetails(container: HTMLElement, node: string, ctx: PanelContext): void {
  clear(container);
  const { graph, actions } = ctx;
  if (!graph.hasNode(node)) return;
  const attrs = graph.getNodeAttributes(node);
  const s = t();

  const nav = el(
    'div',
    { class: 'panel-nav' },
    button(s.back, actions.back, { disabled: !ctx.canBack, testid: 'panel-back', label: '←' }),
    button(s.forward, actions.forward, { disabled: !ctx.canForward, testid: 'panel-forward', label: '→' }),
    el('span', { class: 'spacer' }),
    button(s.close, actions.close, { testid: 'panel-close', label: '×' }),
  );

  const typeText = attrs.subtype ? `${s.entityTypes[attrs.type]} · ${attrs.subtype}` : s.entityTypes[attrs.type];
  const header = el(
    'header',
    { class: 'panel-header' },
    el('div', { class: 'entity-type', attrs: { 'data-testid': 'panel-type' } }, el('span', { class: 'swatch', attrs: { style: `background:${TYPE_COLORS[attrs.type]}`, 'aria-hidden': 'true' } }), typeText),
    el('h2', { attrs: { id: 'panel-title', 'data-testid': 'panel-title', tabindex: '-1' } }, attrs.label),
    el('div', { class: 'entity-stats' }, `${s.mentionsLabel}: ${attrs.mentions}`),
  );

  const focusRow = el(
    'div',
    { class: 'panel-actions' },
    button(s.focus1, () => actions.focus(node, 1), { testid: 'focus-1', pressed: ctx.focus?.node === node && ctx.focus.hops === 1 }),
    button(s.focus2, () => actions.focus(node, 2), { testid: 'focus-2', pressed: ctx.focus?.node === node && ctx.focus.hops === 2 }),
    ctx.focus ? button(s.clearFocus, actions.clearFocus, { testid: 'focus-clear' }) : null,
    button(s.pathFrom, () => actions.pathFrom(node), { testid: 'path-from' }),
  );

  container.append(nav, header, focusRow);

  const aliases = attrs.aliases.filter((a) => a !== attrs.label);
  if (aliases.length) {
    container.append(section(s.aliases, el('ul', { class: 'aliases', attrs: { 'data-testid': 'panel-aliases' } }, ...aliases.map((a) => el('li', {}, a)))));
  }

  if (attrs.possibleSameAs?.length) {
    const items = attrs.possibleSameAs.filter((id) => graph.hasNode(id)).map((id) => el('li', {}, nodeLink(graph, id, actions)));
    if (items.length) container.append(section(s.possibleSameAs, el('ul', { class: 'same-as', attrs: { 'data-testid': 'panel-same-as' } }, ...items)));
  }

  if (ctx.metrics) container.append(section(s.metrics, metricsTable(node, ctx.metrics)));
  else if (ctx.metricsStatus === 'computing' || ctx.metricsStatus === 'failed') {
    const text = ctx.metricsStatus === 'failed' ? s.metricsFailed : s.computing;
    container.append(section(s.metrics, el('p', { class: 'muted', attrs: { 'data-testid': 'metrics-computing' } }, text)));
  }

  container.append(section(s.neighbours, relationsList(node, ctx)));
  // From kg serve the graph holds no evidence: the panel asks for it.
  const evidence = isApiSource() ? entityEvidence(node, (loaded) => evidenceList(loaded, ctx.articles)) : evidenceList(attrs.evidence, ctx.articles);
  container.append(section(s.evidence, evidence));
}

function section(title: string, body: Node): HTMLElement {
  return el('section', { class: 'panel-section' }, el('h3', {}, title), body);
}

function button(
  title: string,
  onClick: () => void,
  options: { disabled?: boolean; testid?: string; label?: string; pressed?: boolean } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', title, 'aria-label': title };
  if (options.testid) attrs['data-testid'] = options.testid;
  if (options.pressed !== undefined) attrs['aria-pressed'] = String(options.pressed);
  const b = el('button', { attrs, on: { click: onClick } }, options.label ?? title);
  b.disabled = Boolean(options.disabled);
  return b;
}

function nodeLink(graph: KnowledgeGraph, node: string, actions: PanelActions): HTMLButtonElement {
  const attrs = graph.getNodeAttributes(node);
  return el(
    'button',
    { class: 'node-link', attrs: { type: 'button', 'data-node': node }, on: { click: () => actions.navigate(node) } },
    el('span', { class: 'swatch', attrs: { style: `background:${TYPE_COLORS[attrs.type]}`, 'aria-hidden': 'true' } }),
    attrs.label,
  );
}

function metricsTable(node: string, metrics: Metrics): HTMLElement {
  const s = t();
  const rows: Array<[string, string]> = [
    [s.degree, String(metrics.degree.get(node) ?? 0)],
    [s.pagerank, (metrics.pagerank.get(node) ?? 0).toFixed(4)],
    [s.betweenness, metrics.betweenness ? (metrics.betweenness.get(node) ?? 0).toFixed(4) : '—'],
    [s.community, String(metrics.community.get(node) ?? '—')],
  ];
  return el('dl', { class: 'metrics', attrs: { 'data-testid': 'panel-metrics' } }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

interface RelationRow {
  edge: string;
  neighbour: string;
  direction: 'out' | 'in' | 'both';
  weight: number;
  evidence: RelationEvidence[];
  props?: Record<string, string>;
}

function relationsList(node: string, ctx: PanelContext): HTMLElement {
  const { graph } = ctx;
  const s = t();
  const groups = new Map<RelationType, RelationRow[]>();
  const hidden = new Set(ctx.hiddenRelations);
  graph.forEachEdge(node, (edge, attrs, source, target) => {
    if (hidden.has(attrs.type)) return;
    if (attrs.type === 'MENTIONED_WITH' && attrs.weight < ctx.minCooccurrence) return;
    const neighbour = source === node ? target : source;
    const direction = graph.isUndirected(edge) ? 'both' : source === node ? 'out' : 'in';
    const rows = groups.get(attrs.type) ?? [];
    rows.push({ edge, neighbour, direction, weight: attrs.weight, evidence: attrs.evidence, props: attrs.props });
    groups.set(attrs.type, rows);
  });
  if (groups.size === 0) return el('p', { class: 'muted' }, '—');
  const list = el('div', { class: 'relations', attrs: { 'data-testid': 'panel-relations' } });
  // Typed relations first, the co-occurrence fallback last.
  const ordered = [...groups.entries()].sort((a, b) => Number(a[0] === 'MENTIONED_WITH') - Number(b[0] === 'MENTIONED_WITH'));
  for (const [type, rows] of ordered) {
    rows.sort((a, b) => b.weight - a.weight);
    const items = rows.map((row) => {
      const arrow = row.direction === 'both' ? s.undirected : row.direction === 'out' ? s.outgoing : s.incoming;
      const props = row.props ? Object.entries(row.props).map(([k, v]) => `${propName(k)}: ${v}`).join(', ') : '';
      const first = row.evidence[0];
      return el(
        'li',
        { attrs: { 'data-relation': type } },
        el('span', { class: 'arrow', attrs: { 'aria-hidden': 'true' } }, arrow),
        nodeLink(graph, row.neighbour, ctx.actions),
        row.weight > 1 ? el('span', { class: 'weight' }, ` ×${row.weight}`) : null,
        props ? el('span', { class: 'props' }, ` (${props})`) : null,
        relationEvidence(row.edge, first),
      );
    });
    list.append(el('h4', { attrs: { 'data-relation-type': type } }, `${s.relationTypes[type]} (${rows.length})`), el('ul', {}, ...items));
  }
  return list;
}

/** A property key from the file, translated when known ("position" → "должность"); a key like "constructor" stays itself. */
function propName(key: string): string {
  const names = t().propKeys;
  return Object.hasOwn(names, key) ? names[key]! : key;
}

function shift(range: readonly [number, number], by: number): [number, number] {
  return [range[0] - by, range[1] - by];
}

export function articleCitation(article: ArticleRecord | undefined, id: string): HTMLElement {
  const s = t();
  if (!article) return el('cite', {}, id);
  const href = article.source ? safeHref(article.source.url) : null;
  return el(
    'cite',
    { class: 'article-cite' },
    href
      ? el('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'article-link' } }, article.title || id)
      : el('span', { attrs: { 'data-testid': 'article-title' } }, article.title || id),
    article.published ? el('span', { class: 'muted' }, ` · ${s.published} ${article.published.slice(0, 10)}`) : null,
    article.source ? el('span', { class: 'muted' }, ` · ${article.source.name}`) : null,
  );
}

function evidenceList(evidence: readonly MentionEvidence[], articles: ReadonlyMap<string, ArticleRecord>): HTMLElement {
  if (evidence.length === 0) return el('p', { class: 'muted' }, t().noEvidence);
  const byArticle = new Map<string, MentionEvidence[]>();
  for (const ev of evidence) byArticle.set(ev.article, [...(byArticle.get(ev.article) ?? []), ev]);
  const root = el('div', { class: 'evidence', attrs: { 'data-testid': 'panel-evidence' } });
  for (const [articleId, items] of byArticle) {
    const sentences = items.map((ev) =>
      el('li', {}, el('blockquote', { class: 'evidence-sentence' }, markedText(ev.sentence, [[ev.start - ev.sentenceStart, ev.end - ev.sentenceStart]]))),
    );
    const shown = sentences.slice(0, MAX_EVIDENCE_SHOWN);
    const rest = sentences.slice(MAX_EVIDENCE_SHOWN);
    root.append(
      el(
        'article',
        { class: 'evidence-article' },
        articleCitation(articles.get(articleId), articleId),
        el('ul', {}, ...shown),
        rest.length ? el('details', {}, el('summary', {}, `+${rest.length}`), el('ul', {}, ...rest)) : null,
      ),
    );
  }
  return root;
}
