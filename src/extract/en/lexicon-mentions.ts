/**
 * Mentions found through the lexicons: drugs, channels, named organisations and
 * places, with language-independent refs; organisations qualified by a country
 * ("Kazakhstan's Interior Ministry", "the Russian Interior Ministry", "the Ministry of
 * Internal Affairs of Kazakhstan") get the ref "<org id>@<location id>".
 */
import type { EntityType } from '../../model/vocabulary';
import type { Draft } from './draft';
import type { EnglishLexicons, LexiconHit, LexiconKind, LexiconMatch } from './lexicon';
import type { EnDocument } from './tokens';
import { isCrimeContext } from './words';

const KIND_TYPE: Partial<Record<LexiconKind, EntityType>> = {
  drug: 'DRUG',
  channel: 'CHANNEL',
  organization: 'ORGANIZATION',
  location: 'LOCATION',
};

export const ALL_KINDS: ReadonlySet<LexiconKind> = new Set(['drug', 'channel', 'organization', 'location', 'org-head', 'position']);

export interface LexiconLayer {
  /** Entity mentions from the lexicons (no overlaps). */
  drafts: Draft[];
  /** Every lexicon match by its first token, including positions and org heads. */
  matchAt: Map<number, LexiconMatch>;
  /** Token index -> the match covering it. */
  covering: Array<LexiconMatch | undefined>;
}

export function findLexiconMentions(doc: EnDocument, lexicons: EnglishLexicons): LexiconLayer {
  const { tokens, sentences } = doc;
  const matches = lexicons.match(tokens, ALL_KINDS);
  const matchAt = new Map<number, LexiconMatch>();
  const covering: Array<LexiconMatch | undefined> = new Array(tokens.length);
  for (const m of matches) {
    matchAt.set(m.first, m);
    for (let i = m.first; i < m.last; i++) covering[i] = m;
  }
  // Sentences that name a drug outright: there, everyday words like "spice" count too.
  const drugSentences = new Set<number>();
  for (const m of matches) if (m.hits.some((h) => h.kind === 'drug' && !h.needsContext)) drugSentences.add(tokens[m.first]!.sentence);
  const drafts: Draft[] = [];
  for (const m of matches) {
    const hit = entityHit(m);
    if (!hit || hit.adjective) continue;
    const type = KIND_TYPE[hit.kind];
    if (!type) continue;
    if (hit.needsContext) {
      const sentence = sentences[tokens[m.first]!.sentence]!;
      if (!drugSentences.has(tokens[m.first]!.sentence) && !isCrimeContext(tokens, sentence.first, sentence.last)) continue;
    }
    const entry = hit.entry;
    const draft: Draft = { first: m.first, last: m.last, start: m.start, end: m.end, type, norm: entry.name, lexiconId: entry.id };
    if (entry.subtype) draft.subtype = entry.subtype;
    if (entry.generic) {
      // A kind of organisation: its own words, in the singular, name it.
      draft.norm = genericNorm(doc, m);
    } else draft.ref = entry.id;
    drafts.push(draft);
  }
  qualifyOrganisations(doc, drafts, matchAt, covering);
  return { drafts, matchAt, covering };
}

/** The hit that makes a match an entity mention, if any (entities win over positions and heads). */
export function entityHit(m: LexiconMatch): LexiconHit | undefined {
  return m.hits.find((h) => KIND_TYPE[h.kind] !== undefined);
}

function genericNorm(doc: EnDocument, m: LexiconMatch): string {
  const words: string[] = [];
  for (let i = m.first; i < m.last; i++) {
    const token = doc.tokens[i]!;
    words.push(i === m.last - 1 ? token.lemma : token.key);
  }
  return words.join(' ');
}

/**
 * Attaches a country to organisation mentions: before it ("Kazakhstan's", "the Kazakh",
 * "Kazakhstan") or after it ("of Kazakhstan", "of the Republic of Kazakhstan"; that tail
 * becomes part of the organisation's span, as on the Russian side).
 */
function qualifyOrganisations(
  doc: EnDocument,
  drafts: Draft[],
  matchAt: Map<number, LexiconMatch>,
  covering: Array<LexiconMatch | undefined>,
): void {
  const { tokens } = doc;
  const byFirst = new Map(drafts.map((d) => [d.first, d]));
  const removed = new Set<Draft>();
  for (const org of drafts) {
    if (org.type !== 'ORGANIZATION' || !org.ref || org.subtype === 'media' || org.subtype === 'international') continue;
    // After: "of [the] <country>"
    const of = tokens[org.last];
    if (of && of.key === 'of' && of.sentence === tokens[org.first]!.sentence && !/[,;:()]/.test(tokens[org.last - 1]!.post)) {
      let at = org.last + 1;
      if (tokens[at]?.key === 'the') at++;
      const placeMatch = matchAt.get(at);
      const place = placeMatch && countryHit(placeMatch);
      if (placeMatch && place && !place.adjective) {
        const placeDraft = byFirst.get(at);
        if (placeDraft) removed.add(placeDraft);
        org.last = placeMatch.last;
        org.end = placeMatch.end;
        setQualifier(org, place.entry.id, place.entry.name);
        continue;
      }
    }
    // Before: "<country>'s", "<country>", "<Country adjective>", optionally after "the".
    const before = covering[org.first - 1];
    if (before && before.last === org.first) {
      const place = countryHit(before);
      if (place) {
        setQualifier(org, place.entry.id, place.entry.name);
        const placeDraft = byFirst.get(before.first);
        if (placeDraft) org.qualifier = { ...org.qualifier!, draft: placeDraft };
      }
    }
  }
  if (removed.size > 0) {
    const kept = drafts.filter((d) => !removed.has(d));
    drafts.length = 0;
    // A loop, not push(...kept): a huge article would overflow the stack with arguments.
    for (const d of kept) drafts.push(d);
  }
}

function countryHit(m: LexiconMatch): LexiconHit | undefined {
  return m.hits.find((h) => h.kind === 'location' && h.entry.subtype === 'country');
}

function setQualifier(org: Draft, placeId: string, placeName: string): void {
  org.qualifier = { id: placeId, name: placeName };
  org.ref = `${org.lexiconId}@${placeId}`;
  org.norm = `${org.norm} of ${placeName}`;
}
