/**
 * Evidence and article text fetched from kg serve when shown (API mode), rendered
 * with the same markup as evidence held in the graph (panel.ts). Article text is
 * always put in text nodes, never parsed as HTML.
 */
import type { MentionEvidence, RelationEvidence } from '../../model/graph-file';
import { EVIDENCE_PAGE, fetchArticle, fetchEdge, fetchEntity } from '../data/api-client';
import { graphSource, isApiSource } from '../data/source';
import { apiStrings } from './api-strings';
import { clear, el, markedText } from './dom';
import './evidence-loader.css';

export function loadingNote(): HTMLElement {
  return el('p', { class: 'muted', attrs: { role: 'status', 'data-testid': 'evidence-loading' } }, apiStrings().loading);
}

export function errorNote(err: unknown): HTMLElement {
  return el('p', { class: 'load-error', attrs: { role: 'alert', 'data-testid': 'evidence-error' } }, apiStrings().loadFailed((err as Error).message));
}

/** Pages of evidence shown per node, so a re-render of the panel keeps what "show more" opened (per revision). */
const pagesShown = new Map<string, number>();
let pagesRevision: string | null = null;

function pagesOf(node: string): number {
  const source = graphSource();
  const revision = source.kind === 'api' ? source.revision : null;
  if (revision !== pagesRevision) {
    pagesShown.clear();
    pagesRevision = revision;
  }
  return pagesShown.get(node) ?? 1;
}

/**
 * A node's evidence from api/entities/:id, a page at a time with a "show more"
 * button. `render` is the panel's evidence list (grouped by article).
 */
export function entityEvidence(node: string, render: (evidence: MentionEvidence[]) => HTMLElement): HTMLElement {
  const box = el('div', { class: 'evidence-loader', attrs: { 'data-testid': 'evidence-loader' } }, loadingNote());
  const show = async (pages: number) => {
    const answers = await Promise.all(Array.from({ length: pages }, (_, i) => fetchEntity(node, i * EVIDENCE_PAGE)));
    const evidence = answers.flatMap((a) => a.evidence);
    const total = answers[0]?.total ?? 0;
    clear(box);
    box.append(render(evidence));
    addArticleButtons(box, evidence);
    if (evidence.length < total) {
      const more = el('button', { attrs: { type: 'button', 'data-testid': 'evidence-more' } }, apiStrings().showMore(evidence.length, total));
      more.addEventListener('click', () => {
        more.disabled = true;
        more.textContent = apiStrings().loading;
        pagesShown.set(node, pages + 1);
        show(pages + 1).catch((err: unknown) => more.replaceWith(errorNote(err)));
      });
      box.append(more);
    }
  };
  show(pagesOf(node)).catch((err: unknown) => {
    clear(box);
    box.append(errorNote(err));
  });
  return box;
}

/**
 * Under each article of the evidence list, a button that shows the article's
 * text from api/articles/:id with this node's mentions marked.
 */
function addArticleButtons(box: HTMLElement, evidence: readonly MentionEvidence[]): void {
  const articles = [...new Set(evidence.map((ev) => ev.article))];
  const groups = box.querySelectorAll<HTMLElement>('.evidence-article');
  groups.forEach((group, i) => {
    const article = articles[i];
    if (article === undefined) return;
    const marks = evidence.filter((ev) => ev.article === article).map((ev): [number, number] => [ev.start, ev.end]);
    group.append(articleToggle(article, marks));
  });
}

function articleToggle(article: string, marks: ReadonlyArray<readonly [number, number]>): HTMLElement {
  const s = apiStrings();
  const holder = el('div', { class: 'article-text', attrs: { 'data-testid': 'article-text' } });
  holder.hidden = true;
  const toggle = el('button', { class: 'link-button', attrs: { type: 'button', 'data-testid': 'article-read', 'aria-expanded': 'false' } }, s.readArticle);
  toggle.addEventListener('click', () => {
    const open = holder.hidden;
    holder.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? apiStrings().hideArticle : apiStrings().readArticle;
    if (!open || holder.childNodes.length > 0) return;
    holder.append(loadingNote());
    fetchArticle(article).then(
      ({ text }) => {
        clear(holder);
        holder.append(el('p', { class: 'article-body' }, markedText(text, marks)));
      },
      (err: unknown) => {
        clear(holder);
        holder.append(errorNote(err));
      },
    );
  });
  return el('div', { class: 'article-view' }, toggle, holder);
}

function relationQuote(evidence: RelationEvidence): HTMLElement {
  const shift = (range: readonly [number, number]): [number, number] => [range[0] - evidence.sentenceStart, range[1] - evidence.sentenceStart];
  return el('blockquote', { class: 'relation-evidence' }, markedText(evidence.sentence, [shift(evidence.source), shift(evidence.target)]));
}

let observer: IntersectionObserver | null = null;
const pending = new WeakMap<Element, () => void>();

/** Loads when scrolled into view: a hub's panel lists hundreds of relations, most never seen. */
function whenVisible(element: HTMLElement, load: () => void): void {
  if (typeof IntersectionObserver === 'undefined') {
    load();
    return;
  }
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer?.unobserve(entry.target);
      pending.get(entry.target)?.();
      pending.delete(entry.target);
    }
  });
  pending.set(element, load);
  observer.observe(element);
}

/**
 * A relation's first evidence sentence, its ends marked: from the graph when it
 * holds evidence, else (API mode) from api/edges/:id once the row is in view.
 */
export function relationEvidence(edge: string, first: RelationEvidence | undefined): HTMLElement | null {
  if (first) return relationQuote(first);
  if (!isApiSource()) return null;
  const box = el('div', { class: 'relation-evidence-loader', attrs: { 'data-edge': edge } }, loadingNote());
  whenVisible(box, () => {
    fetchEdge(edge, 0, 1).then(
      ({ evidence }) => {
        const found = evidence[0];
        if (found) box.replaceChildren(relationQuote(found));
        else box.remove();
      },
      (err: unknown) => box.replaceChildren(errorNote(err)),
    );
  });
  return box;
}
