/**
 * The stable vocabulary of entity and relation types. Tests, exports and
 * evaluations rely on these exact strings: extend, never rename.
 */

export const ENTITY_TYPES = [
  'PERSON',
  'ORGANIZATION',
  'LOCATION',
  'DRUG',
  'CHANNEL',
  'MONEY',
  'QUANTITY',
  'DATE',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Types that name real-world things and become graph nodes; the rest are facts (values). */
export const NODE_ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'DRUG', 'CHANNEL'];
export const FACT_ENTITY_TYPES: readonly EntityType[] = ['MONEY', 'QUANTITY', 'DATE'];

export const RELATION_TYPES = [
  'HOLDS_POSITION', // person -> organisation (or place), property `position`
  'PART_OF', // organisation -> organisation, place -> place
  'LOCATED_IN', // organisation/place -> place
  'COOPERATES_WITH', // undirected
  'SENT_REQUEST_TO', // organisation/person -> organisation
  'STATED', // person -> organisation/event the statement was made at or for
  'SEIZED', // organisation -> drug, property `quantity`
  'DISTRIBUTED_VIA', // drug -> channel
  'MENTIONED_WITH', // undirected co-occurrence in a sentence, weighted; the fallback
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const UNDIRECTED_RELATIONS: ReadonlySet<RelationType> = new Set<RelationType>(['COOPERATES_WITH', 'MENTIONED_WITH']);

/**
 * What happened: the subtypes of an EVENT (issue 12). `raid` is an operation (a lab or a
 * group liquidated), `charge` a criminal case opened, `sentence` a verdict, `blocking` of
 * a channel or a site, `statement` a press conference or an official's statement,
 * `request` one agency asking another.
 */
export const EVENT_SUBTYPES = ['seizure', 'detention', 'arrest', 'search', 'raid', 'charge', 'sentence', 'blocking', 'statement', 'request', 'cooperation'] as const;
export type EventSubtype = (typeof EVENT_SUBTYPES)[number];

/**
 * The participants of an event by role: `agent` the organisation or person acting,
 * `patient` the person or group acted on, `object` the drug (with its quantity),
 * `instrument` the channel, `place`, `date`, and for a sentence its `term`.
 */
export const EVENT_ROLES = ['agent', 'patient', 'object', 'instrument', 'place', 'date', 'term'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export function isEventSubtype(value: unknown): value is EventSubtype {
  return typeof value === 'string' && (EVENT_SUBTYPES as readonly string[]).includes(value);
}

export function isEventRole(value: unknown): value is EventRole {
  return typeof value === 'string' && (EVENT_ROLES as readonly string[]).includes(value);
}

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isRelationType(value: unknown): value is RelationType {
  return typeof value === 'string' && (RELATION_TYPES as readonly string[]).includes(value);
}
