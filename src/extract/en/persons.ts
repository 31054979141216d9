/**
 * People by full name: once an article has written "Tlegen Matkenov", a later
 * "Matkenov" (or "Matkenov's", or "Mr Matkenov") is the same person, and its
 * canonical form is the full name.
 */
import type { Draft } from './draft';
import { personName, wordEnd } from './names';
import type { EnDocument } from './tokens';
import { hasPlaceTag, isFunctionWord } from './words';

export function resolvePeople(doc: EnDocument, drafts: Draft[]): Draft[] {
  const { tokens } = doc;
  // Full names (two words or more), keyed by each of their parts.
  const byPart = new Map<string, Set<string>>();
  for (const d of drafts) {
    if (d.type !== 'PERSON') continue;
    const parts = d.norm.split(/[\s]+/u).filter((p) => p.length > 1);
    if (parts.length < 2) continue;
    for (const part of parts) {
      const key = part.toLowerCase().replace(/\.$/, '');
      const names = byPart.get(key) ?? new Set<string>();
      names.add(d.norm);
      byPart.set(key, names);
    }
  }
  const unique = (key: string): string | undefined => {
    const names = byPart.get(key);
    return names && names.size === 1 ? [...names][0] : undefined;
  };
  const result: Draft[] = [];
  for (const d of drafts) {
    if (d.last - d.first === 1 && (d.type === 'PERSON' || (!d.ref && d.type !== 'DRUG' && d.type !== 'CHANNEL' && !d.value))) {
      const full = unique(tokens[d.first]!.key);
      if (full) {
        result.push({ ...d, type: 'PERSON', norm: full, subtype: undefined } as Draft);
        continue;
      }
    }
    result.push(d);
  }
  // Surnames the chunker left alone (a sentence-initial "Matkenov added ...").
  const taken = new Array<boolean>(tokens.length).fill(false);
  for (const d of result) for (let i = d.first; i < d.last; i++) taken[i] = true;
  tokens.forEach((t, i) => {
    if (taken[i] || !t.capitalised || isFunctionWord(t) || hasPlaceTag(t)) return;
    const full = unique(t.key);
    if (!full) return;
    result.push({ first: i, last: i + 1, start: t.start, end: wordEnd(t), type: 'PERSON', norm: full });
  });
  for (const d of result) if (d.type === 'PERSON' && d.subtype === undefined) delete d.subtype;
  // Names written in capitals get their ordinary capitalisation.
  for (const d of result) if (d.type === 'PERSON' && d.norm === d.norm.toUpperCase()) d.norm = personName(tokens, d.first, d.last);
  return result;
}
