/** A typed span proposed by a rule, a lexicon or the tagger, before overlaps are resolved (see extractor.ts). */
import type { TokenInfo } from './analysis';
import type { RuleSpan } from './locations';
import type { PersonSpan } from './persons';
import { FULL_NAME_BONUS } from './priority';

/** Read-only: a stage that changes a candidate returns a new one (see entity-stages.ts). */
export interface Candidate extends Readonly<RuleSpan> {
  readonly person?: PersonSpan;
  /** A place named by its adjective (see placeAdjectivesBeforeTitles). */
  readonly adjective?: true;
}

export function personCandidate(infos: readonly TokenInfo[], p: PersonSpan, priority: number): Candidate {
  return {
    first: p.first,
    last: p.last,
    start: infos[p.first]!.token.start,
    end: infos[p.last - 1]!.token.end,
    type: 'PERSON',
    norm: p.norm,
    priority: priority + (p.parts.length >= 2 ? FULL_NAME_BONUS : 0),
    person: p,
  };
}

/**
 * The candidates with the people's new readings (`consolidateSurnames`): a person candidate
 * whose span was re-read becomes a new candidate with that span and its norm. Returns `candidates`
 * itself when nobody was re-read; never changes it.
 */
export function withPersonReadings(candidates: readonly Candidate[], reread: ReadonlyMap<PersonSpan, PersonSpan>): readonly Candidate[] {
  if (reread.size === 0) return candidates;
  return candidates.map((c) => {
    const p = c.person && reread.get(c.person);
    return p ? { ...c, norm: p.norm, person: p } : c;
  });
}
