/**
 * Overlap priorities of the Russian pipeline's candidate mentions. Where two candidates
 * overlap, the higher priority wins, then the longer span (extractor.ts, selectNonOverlapping).
 * Tagger spans sit in the middle: the tagger learnt where annotators end a name, so it
 * beats the broad rules, and the lexicons (which know the entity outright) beat it.
 */
export const PRIORITY = {
  /** A lexicon organisation with its qualifier ("МВД России", "ОАО «Газпром»"). */
  LEXICON_ORGANIZATION: 5,
  /** A lexicon drug or channel: beats the tagger's guess ("Интернет" is a channel, not an organisation). */
  LEXICON_DRUG_OR_CHANNEL: 4.2,
  /**
   * A court, prosecutor's office or police unit by rule with its place or its capitalised name
   * ("Шымкентский городской суд", "прокуратура Алматы", "УВД Алматы"): the whole name, above the
   * tagger (which keeps a part: "[Медеуский] районный суд") and the places inside it.
   */
  PLACED_INSTITUTION: 4.15,
  /** A place after a head word, and a region by rule ("Алматинская область", "улица Абая"). */
  PLACE_BY_HEAD: 4.1,
  /** A span of the NER tagger (checked against the rules in tagger-spans.ts), a web domain, a quoted company name. */
  TAGGER: 4,
  /** An organisation phrase by rule whose tail is a proper name or capitalised. */
  NAMED_ORGANIZATION_PHRASE: 3.5,
  /** People, places and organisation phrases by rule. */
  RULE: 3,
  /** Weak rules: a capitalised Orgn word or an unknown abbreviation, a lone geographic noun. */
  WEAK_RULE: 2,
} as const;

/** A person candidate with two name parts or more outranks a one-word one from the same source. */
export const FULL_NAME_BONUS = 0.5;
