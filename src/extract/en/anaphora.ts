/**
 * Definite references to an organisation named earlier: after "Kazakhstan's Interior
 * Ministry", a later "the ministry" (or "the ministry's") is that ministry. Only the
 * nearest earlier organisation whose name contains the same head word is taken, so a
 * reference with no such antecedent stays plain text.
 */
import type { Draft } from './draft';
import type { LexiconLayer } from './lexicon-mentions';
import { wordEnd } from './names';
import type { EnDocument } from './tokens';

export function resolveDefiniteReferences(doc: EnDocument, layer: LexiconLayer, sorted: readonly Draft[]): Draft[] {
  const { tokens } = doc;
  const taken = new Array<boolean>(tokens.length).fill(false);
  for (const d of sorted) for (let i = d.first; i < d.last; i++) taken[i] = true;
  const added: Draft[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (taken[i] || t.capitalised || !/^(the|this|that)$/.test(tokens[i - 1]!.key)) continue;
    const m = layer.covering[i];
    if (!m || m.first !== i || m.last !== i + 1 || !m.hits.some((h) => h.kind === 'org-head')) continue;
    // "the department of X" names a new organisation, not an earlier one.
    if (/^(of|for|on)$/.test(tokens[i + 1]?.key ?? '') && !t.possessive) continue;
    const antecedent = mostSalient([...sorted, ...added], t.start, t.lemma);
    if (!antecedent) continue;
    const draft: Draft = { first: i, last: i + 1, start: t.start, end: wordEnd(t), type: 'ORGANIZATION', norm: antecedent.norm };
    if (antecedent.subtype) draft.subtype = antecedent.subtype;
    if (antecedent.ref) draft.ref = antecedent.ref;
    if (antecedent.lexiconId) draft.lexiconId = antecedent.lexiconId;
    if (antecedent.qualifier) draft.qualifier = { id: antecedent.qualifier.id, name: antecedent.qualifier.name };
    added.push(draft);
  }
  return added;
}

/**
 * The earlier organisation named with that word that the text has spoken of most
 * (an article's subject is named again and again); among equals, the nearest.
 */
function mostSalient(drafts: readonly Draft[], before: number, word: string): Draft | undefined {
  const counts = new Map<string, { count: number; last: Draft }>();
  for (const d of drafts) {
    if (d.start >= before || d.type !== 'ORGANIZATION' || d.subtype === 'criminal_group') continue;
    if (!d.norm.toLowerCase().split(/[\s-]+/).includes(word)) continue;
    const entry = counts.get(d.norm) ?? { count: 0, last: d };
    entry.count++;
    if (d.start >= entry.last.start) entry.last = d;
    counts.set(d.norm, entry);
  }
  let best: { count: number; last: Draft } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.last.start > best.last.start)) best = entry;
  }
  return best?.last;
}
