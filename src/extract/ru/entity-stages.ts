/**
 * Stages of the Russian entity pipeline (extractor.ts) between the rules that propose
 * candidates and the mentions: each takes its inputs read-only and returns its result, so
 * the pipeline shows what flows from one stage to the next (see src/extract/README.md).
 */
import type { Sentence, Token } from '../tokens';
import { countryOfAdjective, type TokenInfo } from './analysis';
import type { Candidate } from './candidates';
import type { Gazetteer } from './gazetteer';
import { nominativePhrase } from './inflect';
import type { PlaceAdjectives } from './place-adjectives';
import { PRIORITY } from './priority';

/** Drugs and channels named by the lexicons, sentence by sentence. */
export function lexiconTerms(infos: readonly TokenInfo[], sentences: readonly Sentence[], lexicons: { drugs: Gazetteer; channels: Gazetteer }): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sentences) {
    for (const [name, type] of [['drugs', 'DRUG'], ['channels', 'CHANNEL']] as const) {
      for (const m of lexicons[name].match(infos, s.first, s.last)) {
        out.push({
          first: m.first,
          last: m.last,
          start: m.start,
          end: m.end,
          type,
          ...(m.entry.subtype ? { subtype: m.entry.subtype } : {}),
          ref: m.entry.id,
          norm: m.entry.name,
          // A lexicon drug or channel beats the tagger's guess ("Интернет" is a channel, not an organisation).
          priority: PRIORITY.LEXICON_DRUG_OR_CHANNEL,
        });
      }
    }
  }
  return out;
}

/** Tokens the person rule must not take: 1 in `blocked` for names of things and positions, 1 in `position` for positions. */
export interface PersonBlocks {
  blocked: Uint8Array;
  position: Uint8Array;
}

/** Which tokens are taken by things found by rule or lexicon (`things`) and by position words. */
export function personBlocks(infos: readonly TokenInfo[], sentences: readonly Sentence[], things: readonly Candidate[], positions: Gazetteer): PersonBlocks {
  const blocked = new Uint8Array(infos.length);
  for (const c of things) if (c.priority >= PRIORITY.RULE) for (let i = c.first; i < c.last; i++) blocked[i] = 1;
  const position = new Uint8Array(infos.length);
  for (const s of sentences) for (const m of positions.match(infos, s.first, s.last)) for (let i = m.first; i < m.last; i++) position[i] = blocked[i] = 1;
  return { blocked, position };
}

/**
 * The mentions among the candidates: no top-level domain taken for a place ("в зоне .РФ"), no
 * drug or channel word inside a longer name (`dropNestedLexiconTerms`), then the overlaps
 * resolved by priority and length (`selectNonOverlapping`), in text order.
 */
export function chooseMentions(candidates: readonly Candidate[], infos: readonly TokenInfo[], tokens: readonly Token[], text: string): Candidate[] {
  // An organisation phrase found by rule that loses its tail to a tagged place keeps its head:
  // "Председатель [Правительства] [РФ]".
  const trim = (c: Candidate, last: number): Candidate | undefined => {
    // A head alone ("[Правительство] Кипра") names no particular body: better no mention than one
    // that merges every government into one node.
    if (c.type !== 'ORGANIZATION' || c.ref || c.priority >= PRIORITY.TAGGER || last <= c.first + 1 || !infos[c.first]!.cap) return undefined;
    return { ...c, last, end: tokens[last - 1]!.end, norm: nominativePhrase(infos, c.first, last, text, 0) };
  };
  // "в зоне .РФ": a top-level domain is no place.
  const domainZone = (c: Candidate) => c.type === 'LOCATION' && text[c.start - 1] === '.' && (c.start < 2 || /\s/.test(text[c.start - 2]!));
  return selectNonOverlapping(dropNestedLexiconTerms(candidates.filter((c) => !domainZone(c)), tokens.length), tokens.length, trim);
}

/**
 * A drug or channel word inside a longer organisation or place name is part of that name
 * ("Управление по борьбе с наркотиками", "Институт развития Интернета"), not a mention of its own.
 */
export function dropNestedLexiconTerms(candidates: readonly Candidate[], nTokens: number): Candidate[] {
  const widest = new Array<Candidate | undefined>(nTokens);
  for (const c of candidates) {
    if (c.type !== 'ORGANIZATION' && c.type !== 'LOCATION') continue;
    for (let i = c.first; i < c.last; i++) {
      const w = widest[i];
      if (!w || w.last - w.first < c.last - c.first) widest[i] = c;
    }
  }
  return candidates.filter((c) => {
    if (c.type !== 'DRUG' && c.type !== 'CHANNEL') return true;
    for (let i = c.first; i < c.last; i++) {
      const w = widest[i];
      if (w && w.first <= c.first && w.last >= c.last && w.last - w.first > c.last - c.first) return false;
    }
    return true;
  });
}

/**
 * Greedy overlap resolution: by priority, then length, then position. A candidate whose tail
 * is taken may be cut to its free head by `trim` (undefined: dropped). In text order.
 */
export function selectNonOverlapping(candidates: readonly Candidate[], nTokens: number, trim: (c: Candidate, last: number) => Candidate | undefined): Candidate[] {
  const ranked = [...candidates].sort((a, b) => b.priority - a.priority || b.last - b.first - (a.last - a.first) || a.start - b.start);
  const taken = new Uint8Array(nTokens);
  const chosen: Candidate[] = [];
  for (let c of ranked) {
    let freePrefix = c.first;
    while (freePrefix < c.last && !taken[freePrefix]) freePrefix++;
    if (freePrefix < c.last) {
      const trimmed = trim(c, freePrefix);
      if (!trimmed) continue;
      c = trimmed;
    }
    for (let i = c.first; i < c.last; i++) taken[i] = 1;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * A chosen span (a tagger's) that coincides with a lexicon match of the same type takes the
 * lexicon's ref, subtype and canonical form. Returns the chosen list with such spans replaced
 * by new candidates; `chosen` and `all` are not changed.
 */
export function inheritLexiconInfo(chosen: readonly Candidate[], all: readonly Candidate[]): Candidate[] {
  const byRange = new Map<string, Candidate>();
  for (const c of all) if (c.ref || c.subtype) byRange.set(`${c.first}:${c.last}:${c.type}`, c);
  return chosen.map((c) => {
    if (c.ref || c.subtype) return c;
    const lex = byRange.get(`${c.first}:${c.last}:${c.type}`);
    if (!lex) return c;
    return { ...c, ...(lex.ref ? { ref: lex.ref } : {}), ...(lex.subtype ? { subtype: lex.subtype } : {}), norm: lex.norm };
  });
}

/**
 * "японского МИДа", "российского Минсельхоза": a lower-case adjective of a place right before an
 * organisation qualifies it as "МИД Японии" does. It joins the name (as factRuEval annotates
 * it), and a lexicon organisation becomes that place's body: ref "org:mid@loc:japan", the
 * same entity as "МИД Японии". Returns the chosen list with such organisations replaced by
 * new candidates; `chosen` is not changed.
 */
export function attachPlaceAdjectives(infos: readonly TokenInfo[], chosen: readonly Candidate[], countryAdjectives: ReadonlyMap<string, string>, text: string): Candidate[] {
  const taken = new Set<number>();
  for (const c of chosen) for (let i = c.first; i < c.last; i++) taken.add(i);
  return chosen.map((c) => {
    if (c.type !== 'ORGANIZATION' || c.ref?.includes('@')) return c;
    const i = c.first - 1;
    const adj = infos[i];
    if (!adj || taken.has(i) || adj.cap || adj.token.kind !== 'word' || adj.token.newlineBefore) return c;
    const place = countryOfAdjective(adj, countryAdjectives);
    if (!place) return c;
    // The adjective agrees with the name's first word ("японского МИДа", not "японские ... МИДа").
    const cases = new Set(adj.parses.filter((p) => p.pos === 'ADJF').map((p) => p.case));
    const head = infos[c.first]!;
    if (!head.parses.some((p) => cases.has(p.case)) && !head.upper) return c;
    // The adjective agreeing with the name in the nominative, the name as it was ("МИД" keeps its capitals).
    const adjective = nominativePhrase(infos, i, c.last, text, 0).split(' ')[0]!;
    taken.add(i);
    return { ...c, first: i, start: adj.token.start, norm: `${adjective} ${c.norm}`, ...(c.ref ? { ref: `${c.ref}@${place}` } : {}) };
  });
}

/**
 * Places named inside chosen organisations ("МВД России"): the lexicon or rule places that lost
 * the overlap to the organisation, longest first, one per token range.
 */
export function nestedPlaces(infos: readonly TokenInfo[], chosen: readonly Candidate[], candidates: readonly Candidate[], nTokens: number): Array<{ org: Candidate; place: Candidate }> {
  const orgAt = new Array<Candidate | undefined>(nTokens);
  // A place in the name of a medium ("Голос Америки") or in a quoted name ("партия «Единая Россия»")
  // is part of a name, not where the organisation is.
  for (const c of chosen) if (c.type === 'ORGANIZATION' && c.last - c.first >= 2 && c.subtype !== 'media') for (let i = c.first; i < c.last; i++) orgAt[i] = c;
  const insideQuotes = (org: Candidate, at: number) => {
    let open = false;
    for (let i = Math.max(0, org.first - 1); i < at; i++) {
      const t = infos[i]!.token.text;
      if (/^[«„“]$/.test(t)) open = true;
      else if (/^[»”]$/.test(t)) open = false;
      else if (t === '"') open = !open;
    }
    return open;
  };
  const places = candidates
    .filter((c) => c.type === 'LOCATION' && (c.ref !== undefined || c.subtype !== undefined))
    .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Uint8Array(nTokens);
  const out: Array<{ org: Candidate; place: Candidate }> = [];
  for (const p of places) {
    const org = orgAt[p.first];
    if (!org || p.last > org.last || (p.first === org.first && p.last === org.last) || insideQuotes(org, p.first)) continue;
    let free = true;
    for (let i = p.first; i < p.last; i++) if (taken[i] || orgAt[i] !== org) free = false;
    if (!free) continue;
    taken.fill(1, p.first, p.last);
    out.push({ org, place: p });
  }
  return out;
}

/**
 * "Шымкентский городской суд", "Туркестанского областного суда", "Лондонская полиция": a
 * capitalised adjective of a lexicon town, region or country inside a chosen organisation's name
 * (not its last word) where no place is nested already. Each becomes a LOCATION mention of that
 * place (its canonical name and id, flagged `adjective`), nested in the organisation, as
 * `nestedPlaces` gives them. Before "областной"/"краевой" the adjective names the region
 * ("Алматинский областной суд" -> Алматинская область), else the town ("Алматинский городской суд"
 * -> Алматы).
 */
export function adjectivePlacesInOrganizations(
  infos: readonly TokenInfo[],
  chosen: readonly Candidate[],
  nested: ReadonlyArray<{ org: Candidate; place: Candidate }>,
  adjectives: PlaceAdjectives,
  countryAdjectives: ReadonlyMap<string, string>,
  countryNames: ReadonlyMap<string, string>,
): Array<{ org: Candidate; place: Candidate }> {
  const hasPlace = new Set(nested.map((x) => x.org));
  const out: Array<{ org: Candidate; place: Candidate }> = [];
  for (const org of chosen) {
    if (org.type !== 'ORGANIZATION' || org.subtype === 'media' || org.last - org.first < 2 || hasPlace.has(org)) continue;
    for (let i = org.first; i < org.last - 1; i++) {
      const adj = infos[i]!;
      if (!adj.cap || adj.upper || adj.token.kind !== 'word' || !adj.parses.some((p) => p.pos === 'ADJF')) continue;
      const next = infos[i + 1]!;
      const regional = next.keys.has('областной') || next.keys.has('краевой');
      let place: string | undefined;
      for (const k of adj.keys) {
        place = (regional ? adjectives.regions.get(k) : undefined) ?? adjectives.towns.get(k) ?? countryAdjectives.get(k);
        if (place) break;
      }
      const name = place && (adjectives.names.get(place) ?? countryNames.get(place));
      if (!place || !name) continue;
      const subtype = adjectives.subtypes.get(place) ?? 'country';
      out.push({
        org,
        place: { first: i, last: i + 1, start: adj.token.start, end: adj.token.end, type: 'LOCATION', subtype, ref: place, norm: name, priority: PRIORITY.RULE, adjective: true },
      });
      break;
    }
  }
  return out;
}

/**
 * "британский премьер Гордон Браун", "французскому президенту": a country named only by its
 * adjective right before a title, where no mention covers the adjective. The adjective becomes a
 * LOCATION mention of that country (its canonical name and id, flagged `adjective`), so the title
 * can be held in it even when the article never names the country; elsewhere a place adjective
 * stays a word ("российских номеров" adds no mention). The adjective agrees with the title.
 */
export function placeAdjectivesBeforeTitles(
  infos: readonly TokenInfo[],
  chosen: readonly Candidate[],
  positions: Gazetteer,
  countryAdjectives: ReadonlyMap<string, string>,
  countryNames: ReadonlyMap<string, string>,
): Candidate[] {
  const taken = new Uint8Array(infos.length);
  for (const c of chosen) taken.fill(1, c.first, c.last);
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < infos.length; i++) {
    const adj = infos[i]!;
    if (taken[i] === 1 || taken[i + 1] === 1 || adj.token.kind !== 'word' || adj.upper) continue;
    const adjectiveCases = new Set(adj.parses.filter((p) => p.pos === 'ADJF').map((p) => p.case));
    if (adjectiveCases.size === 0) continue;
    const country = countryOfAdjective(adj, countryAdjectives);
    const name = country && countryNames.get(country);
    if (!country || !name) continue;
    const title = infos[i + 1]!;
    if (title.token.newlineBefore || !title.parses.some((p) => p.pos === 'NOUN' && adjectiveCases.has(p.case))) continue;
    if (!positions.matchAt(infos, i + 1)) continue;
    out.push({ first: i, last: i + 1, start: adj.token.start, end: adj.token.end, type: 'LOCATION', subtype: 'country', ref: country, norm: name, priority: PRIORITY.RULE, adjective: true });
  }
  return out;
}
