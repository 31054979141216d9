/**
 * The working form of a mention while the English pipeline builds it: a token range
 * plus what the later steps (relations, person resolution) need to know.
 */
import type { FactValue } from '../../model/extraction';
import type { EntityType } from '../../model/vocabulary';

export interface Draft {
  /** Token range [first, last). */
  first: number;
  last: number;
  start: number;
  end: number;
  type: EntityType;
  subtype?: string;
  norm: string;
  ref?: string;
  value?: FactValue;
  /** Lexicon entry id (also for generic entries, which carry no ref). */
  lexiconId?: string;
  /** For an organisation qualified by a place: the place's lexicon id and name. */
  qualifier?: { id: string; name: string; draft?: Draft };
  /** For a person introduced with a title ("President Tokayev"): the title, lower case. */
  title?: string;
  /** First token of that title, when it is written right before the name. */
  titleFirst?: number;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
