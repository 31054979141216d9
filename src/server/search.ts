/**
 * Entity search for GET /api/search: MiniSearch over every node's label and
 * aliases (canonical names and every form as written, so an inflected form such
 * as "Иванову" is itself indexed), folded as the page folds them (case, ё/е) and
 * transliterated, with prefix and fuzzy matching, ranked by score with a boost for
 * much-mentioned entities. An in-memory index built once per revision rather
 * than SQL: LIKE cannot do fuzzy or transliterated matching on both backends the
 * same way, and the index over labels and aliases of even a large graph is small.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { foldForm, toLatin } from '../app/text/fold';
import type { SearchResponse, SummaryNode, Summary } from '../model/api';

interface Doc {
  id: string;
  label: string;
  aliases: string;
  latin: string;
}

const TOKEN_SPLIT = /[\s\p{P}\p{S}]+/u;
const tokenize = (text: string) => text.split(TOKEN_SPLIT).filter(Boolean);

export class EntitySearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['label', 'aliases', 'latin'],
    tokenize,
    processTerm: (term) => foldForm(term),
  });
  private readonly nodes = new Map<string, SummaryNode>();

  constructor(summary: Summary) {
    for (const node of summary.nodes) this.nodes.set(node.id, node);
    this.index.addAll(
      summary.nodes.map((node) => {
        const aliases = node.aliases.join(' | ');
        return { id: node.id, label: node.label, aliases, latin: toLatin(`${node.label} | ${aliases}`) };
      }),
    );
  }

  search(query: string, limit: number): SearchResponse {
    const q = query.trim();
    if (!q) return { hits: [] };
    const options = {
      prefix: true,
      fuzzy: (term: string) => (term.length > 4 ? 0.2 : false),
      boost: { label: 3 },
      combineWith: 'AND' as const,
      boostDocument: (id: unknown) => 1 + Math.log1p(this.nodes.get(String(id))?.mentions ?? 0) / 10,
    };
    const best = new Map<string, SearchResult>();
    const take = (results: SearchResult[]) => {
      for (const r of results) {
        const id = String(r.id);
        const known = best.get(id);
        if (!known || known.score < r.score) best.set(id, r);
      }
    };
    take(this.index.search(q, options));
    // A Cyrillic query for a Latin name ("телеграм") and the reverse meet in the transliteration.
    take(this.index.search(toLatin(q), { ...options, fields: ['latin'] }));
    const hits = [...best.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((r) => {
        const node = this.nodes.get(String(r.id))!;
        const hit: SearchResponse['hits'][number] = { id: node.id, label: node.label, type: node.type, mentions: node.mentions };
        const matched = matchedAlias(node, q, r.terms);
        if (matched !== undefined) hit.matched = matched;
        return hit;
      });
    return { hits };
  }
}

/**
 * The alias the query names, when the label does not: the first that has, for every
 * query word, a word starting with it ("лужкова" names the alias "Лужкова", though
 * fuzzy matching also found the label's "Лужков"). Else the first alias holding a
 * term MiniSearch matched (a fuzzy match).
 */
function matchedAlias(node: SummaryNode, query: string, terms: readonly string[]): string | undefined {
  const words = (text: string) => tokenize(text).map(foldForm);
  const wanted = words(query);
  const names = (text: string) => {
    const own = words(text);
    return wanted.every((w) => own.some((o) => o.startsWith(w)));
  };
  if (names(node.label)) return undefined;
  const named = node.aliases.find(names);
  if (named !== undefined) return named;
  const holds = (text: string) => words(text).some((o) => terms.includes(o));
  if (holds(node.label)) return undefined;
  return node.aliases.find(holds);
}
