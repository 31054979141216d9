/** A typed span proposed by a rule, a lexicon or the tagger, before overlaps are resolved (see extractor.ts). */
import type { TokenInfo } from './analysis';
import type { RuleSpan } from './locations';
import type { PersonSpan } from './persons';
import { FULL_NAME_BONUS } from './priority';

export interface Candidate extends RuleSpan {
  person?: PersonSpan;
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
