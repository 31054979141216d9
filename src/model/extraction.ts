/**
 * What the extraction core returns for one text. This is also the shape of
 * `kg extract --jsonl` (plus `id`), the machine-readable contract evaluations use.
 *
 * All offsets are JavaScript string offsets (UTF-16 code units) into the text the
 * extractor was given (the file's decoded text, BOM stripped); `end` is exclusive.
 */
import type { EntityType, EventRole, EventSubtype, Language, RelationType } from './vocabulary';

/** A parsed value for MONEY / QUANTITY / DATE mentions. */
export type FactValue =
  | { kind: 'money'; amount: number; currency: string; comparator?: '>' | '<' | '~' }
  | { kind: 'quantity'; amount: number; unit: string; comparator?: '>' | '<' | '~' }
  | { kind: 'date'; /** ISO-like partial date: 2019, 2019-04, 2019-11-01 */ date?: string; /** a period, e.g. "10 months of 2019" */ period?: { amount: number; unit: string; year?: number } };

export interface EntityMention {
  start: number;
  end: number;
  type: EntityType;
  subtype?: string;
  /** The text as written (offsets slice the original text exactly). */
  text: string;
  /** Canonical nominative form ("Тлегена Маткенова" -> "Тлеген Маткенов"). */
  norm: string;
  /**
   * Within-document entity key: every mention of the same entity in this text has
   * the same key (filled by resolution; see src/resolve).
   */
  entity?: string;
  /**
   * Language-independent reference when the mention was matched in a lexicon
   * (e.g. "drug:heroin"): lets "героин" and "heroin" resolve to one node.
   */
  ref?: string;
  /**
   * A class word rather than one thing ("наркотики", "сайт"): its lexicon entry is a
   * category. The node it resolves to is generic: hidden by default, avoided by paths.
   */
  generic?: true;
  /**
   * A place named by its adjective ("британский премьер" -> Великобритания), so a title can be
   * held in it: not a name, so NER scores leave it out, as factRuEval's gold does.
   */
  adjective?: true;
  /**
   * A descriptor noun ("ведомство", "компания", "президент") standing for a named entity
   * of the article. Within-article resolution links it to that entity (its `entity` key)
   * or drops it; it adds the entity a mention with its sentence as evidence, but never
   * names it: its `norm` (the noun's lemma) is never a label, an alias or a match key,
   * and it is not scored as a named-entity span.
   */
  nominal?: true;
  value?: FactValue;
}

export interface ExtractedRelation {
  type: RelationType;
  /** Index into `entities`. */
  source: number;
  /** Index into `entities`. */
  target: number;
  /** The evidence sentence: [start, end) in the text. */
  evidence: [number, number];
  /** e.g. `position` for HOLDS_POSITION, `quantity` for SEIZED. */
  props?: Record<string, string>;
}

/** One participant of an event. */
export interface EventArgument {
  role: EventRole;
  /** Index into `entities` when the participant is a mention there (always for agent, patient, object, instrument, place, date). */
  entity?: number;
  /** The participant as written: [start, end) in the text. */
  start: number;
  end: number;
  text: string;
  /** For an `object`: index into `entities` of its QUANTITY mention ("1,5 кг героина"). */
  quantity?: number;
}

/**
 * Something that happened, said in one sentence: a trigger ("изъяли", "задержали",
 * "приговорил", "seized") with its participants. An event with no participant found is
 * kept with what was found.
 */
export interface ExtractedEvent {
  subtype: EventSubtype;
  /** The trigger word or phrase: [start, end) in the text. */
  trigger: { start: number; end: number; text: string };
  /** The evidence sentence: [start, end) in the text. */
  evidence: [number, number];
  arguments: EventArgument[];
  /**
   * When it happened, as an ISO partial date (2019, 2019-04, 2019-04-12): the stated date
   * resolved against the article date ("в апреле этого года"), absent when none is stated
   * or it cannot be resolved (a relative date with no article date).
   */
  date?: string;
}

export interface ExtractionResult {
  lang: Language;
  entities: EntityMention[];
  relations: ExtractedRelation[];
  /** Events (issue 12); absent from extractors that find none. */
  events?: ExtractedEvent[];
  /** Sentence boundaries, [start, end) in the text. */
  sentences: Array<[number, number]>;
}

/** One line of `kg extract --jsonl`. */
export interface ExtractJsonLine extends Omit<ExtractionResult, 'sentences'> {
  id: string;
}
