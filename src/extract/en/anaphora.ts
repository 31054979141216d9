/**
 * Definite references to an organisation named earlier: after "Kazakhstan's Interior
 * Ministry", a later "the ministry" (or "the ministry's") is that ministry. Among the
 * earlier organisations whose name contains the same head word, the one the text has
 * named most often is taken (an article's subject is named again and again; a
 * ministry mentioned once in passing is not what "the ministry" means), the nearest
 * among equals. A reference with no such antecedent stays plain text.
 */
import type { Draft } from './draft';
import type { LexiconLayer } from './lexicon-mentions';
import { wordEnd } from './names';
import type { EnDocument } from './tokens';

interface Seen {
  count: number;
  latest: Draft;
}

export function resolveDefiniteReferences(doc: EnDocument, layer: LexiconLayer, sorted: readonly Draft[]): Draft[] {
  const { tokens } = doc;
  const taken = new Uint8Array(tokens.length);
  for (const d of sorted) taken.fill(1, d.first, d.last);
  // Head word -> organisation name -> how often it was named so far. Filled as the
  // sweep moves forward, so the whole pass is linear in the text.
  const seen = new Map<string, Map<string, Seen>>();
  const note = (d: Draft): void => {
    if (d.type !== 'ORGANIZATION' || d.subtype === 'criminal_group') return;
    for (const word of new Set(d.norm.toLowerCase().split(/[\s-]+/))) {
      const names = seen.get(word) ?? new Map<string, Seen>();
      const entry = names.get(d.norm);
      if (entry) {
        entry.count++;
        entry.latest = d;
      } else names.set(d.norm, { count: 1, latest: d });
      seen.set(word, names);
    }
  };
  const added: Draft[] = [];
  let next = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (next < sorted.length && sorted[next]!.start < t.start) note(sorted[next++]!);
    if (taken[i] || t.capitalised || !/^(the|this|that)$/.test(tokens[i - 1]!.key)) continue;
    const m = layer.covering[i];
    if (!m || m.first !== i || m.last !== i + 1 || !m.hits.some((h) => h.kind === 'org-head')) continue;
    // "the department of X" names a new organisation, not an earlier one.
    if (/^(of|for|on)$/.test(tokens[i + 1]?.key ?? '') && !t.possessive) continue;
    const antecedent = mostNamed(seen.get(t.lemma));
    if (!antecedent) continue;
    const draft: Draft = { first: i, last: i + 1, start: t.start, end: wordEnd(t), type: 'ORGANIZATION', norm: antecedent.norm };
    if (antecedent.subtype) draft.subtype = antecedent.subtype;
    if (antecedent.ref) draft.ref = antecedent.ref;
    if (antecedent.lexiconId) draft.lexiconId = antecedent.lexiconId;
    if (antecedent.qualifier) draft.qualifier = { id: antecedent.qualifier.id, name: antecedent.qualifier.name };
    added.push(draft);
    note(draft);
  }
  return added;
}

function mostNamed(names: Map<string, Seen> | undefined): Draft | undefined {
  let best: Seen | undefined;
  for (const entry of names?.values() ?? []) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.latest.start > best.latest.start)) best = entry;
  }
  return best?.latest;
}
