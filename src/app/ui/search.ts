/**
 * Entity search with autocomplete (MiniSearch). Every node is indexed under its
 * canonical name, its aliases and every mention as written, folded (case, ё/е)
 * and transliterated, so "Маткенова", "маткенов" and "Matkenov" all find
 * Тлеген Маткенов. The widget is an ARIA combobox: arrow keys move through the
 * results, Enter chooses, Escape closes.
 */
import MiniSearch from 'minisearch';
import type { EntityType } from '../../model/vocabulary';
import type { KnowledgeGraph } from '../data/graph-io';
import { t } from '../i18n';
import { foldForm, toLatin } from '../text/fold';
import { TYPE_COLORS } from '../view/appearance';
import { clear, el } from './dom';

interface SearchDoc {
  id: string;
  label: string;
  forms: string;
  latin: string;
  type: EntityType;
}

export interface SearchHit {
  id: string;
  label: string;
  type: EntityType;
}

const TOKEN_SPLIT = /[\s\p{P}\p{S}]+/u;
/** How long one slice of indexing may hold the main thread. */
const SLICE_MS = 30;

export class EntitySearch {
  private readonly index = new MiniSearch<SearchDoc>({
    fields: ['label', 'forms', 'latin'],
    storeFields: ['label', 'type'],
    tokenize: (text) => text.split(TOKEN_SPLIT).filter(Boolean),
    processTerm: (term) => foldForm(term),
  });

  /** Resolves once every node is indexed. */
  readonly ready: Promise<void>;
  private disposed = false;

  /**
   * Indexes the graph's nodes in slices of about SLICE_MS, yielding to the page
   * between them: indexing 10,000 entities at once held the main thread for
   * 2.7 s. Searches before it is done wait for `ready`.
   */
  constructor(graph: KnowledgeGraph) {
    const nodes = graph.nodes();
    this.ready = (async () => {
      let i = 0;
      while (i < nodes.length && !this.disposed) {
        const deadline = performance.now() + SLICE_MS;
        for (; i < nodes.length && performance.now() < deadline; i++) {
          const node = nodes[i]!;
          if (!graph.hasNode(node) || this.index.has(node)) continue;
          const attrs = graph.getNodeAttributes(node);
          this.index.add(toDoc(node, attrs.label, attrs.type, attrs.aliases, attrs.evidence.map((e) => e.text)));
        }
        if (i < nodes.length) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    })();
  }

  /** The graph changed and a new index replaces this one: stop building it. */
  dispose(): void {
    this.disposed = true;
  }

  search(query: string, limit = 12): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const options = {
      prefix: true,
      fuzzy: (term: string) => (term.length > 4 ? 0.2 : false),
      boost: { label: 3 },
      combineWith: 'AND' as const,
    };
    const scores = new Map<string, { score: number; label: string; type: EntityType }>();
    const take = (results: ReturnType<MiniSearch<SearchDoc>['search']>) => {
      for (const r of results) {
        const prev = scores.get(String(r.id));
        if (!prev || prev.score < r.score) scores.set(String(r.id), { score: r.score, label: r['label'] as string, type: r['type'] as EntityType });
      }
    };
    take(this.index.search(q, options));
    // A Cyrillic query for a Latin name ("телеграм") and the reverse meet in the transliteration.
    take(this.index.search(toLatin(q), { ...options, fields: ['latin'] }));
    return [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score)
      .slice(0, limit)
      .map(([id, hit]) => ({ id, label: hit.label, type: hit.type }));
  }
}

function toDoc(id: string, label: string, type: EntityType, aliases: readonly string[], written: readonly string[]): SearchDoc {
  const forms = [...new Set([...aliases, ...written])].join(' | ');
  return { id, label, forms, latin: toLatin(`${label} | ${forms}`), type };
}

export interface SearchBox {
  focus(): void;
  close(): void;
  /** Empties the box (and closes its results). */
  clear(): void;
}

/** Wires the combobox; `search` answers each keystroke (from the page's index or the server's). */
export function mountSearchBox(
  input: HTMLInputElement,
  listbox: HTMLElement,
  search: (query: string) => Promise<SearchHit[]>,
  onChoose: (node: string) => void,
): SearchBox {
  let hits: SearchHit[] = [];
  let active = -1;

  const render = () => {
    clear(listbox);
    const open = input.value.trim().length > 0;
    input.setAttribute('aria-expanded', String(open));
    listbox.hidden = !open;
    if (!open) return;
    if (hits.length === 0) {
      listbox.appendChild(el('li', { class: 'search-empty', attrs: { role: 'presentation' } }, t().noResults));
      return;
    }
    hits.forEach((hit, i) => {
      const option = el(
        'li',
        {
          class: i === active ? 'search-hit active' : 'search-hit',
          attrs: { role: 'option', id: `search-hit-${i}`, 'aria-selected': String(i === active), 'data-node': hit.id },
          on: {
            mousedown: (event) => {
              event.preventDefault();
              choose(i);
            },
          },
        },
        el('span', { class: 'swatch', attrs: { style: `background:${TYPE_COLORS[hit.type]}`, 'aria-hidden': 'true' } }),
        el('span', { class: 'hit-label' }, hit.label),
        el('span', { class: 'hit-type' }, t().entityTypes[hit.type]),
      );
      listbox.appendChild(option);
    });
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.label;
    hits = [];
    active = -1;
    render();
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    onChoose(hit.id);
  };

  const close = () => {
    hits = [];
    active = -1;
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  input.addEventListener('input', () => {
    const query = input.value;
    // Hits of an earlier keystroke are not offered (Enter would choose one) while this one's come.
    hits = [];
    active = -1;
    clear(listbox);
    void search(query).then(
      (found) => {
        // A later keystroke has its own answer.
        if (input.value !== query) return;
        hits = found;
        active = hits.length > 0 ? 0 : -1;
        render();
      },
      () => {
        if (input.value !== query) return;
        hits = [];
        active = -1;
        render();
      },
    );
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) {
      active = (active + 1) % hits.length;
      render();
      event.preventDefault();
    } else if (event.key === 'ArrowUp' && hits.length) {
      active = (active - 1 + hits.length) % hits.length;
      render();
      event.preventDefault();
    } else if (event.key === 'Enter') {
      if (active >= 0) choose(active);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return {
    focus: () => input.focus(),
    close,
    clear: () => {
      input.value = '';
      close();
    },
  };
}
