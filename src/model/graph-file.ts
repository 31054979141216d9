/**
 * The versioned graph file (graph-data/graph.json): one source of truth for the
 * TypeScript types, runtime validation and the generated JSON Schema
 * (graph-data/graph.schema.json, written by `kg schema`).
 *
 * Layout: `{ type, version, articles, graph, overrides }`, where `graph` is
 * graphology's own serialisation (`graph.export()`): a mixed multi graph whose
 * nodes are entities and whose edges are relations.
 *
 * Two shapes, one schema:
 *  - in memory (`GraphFile`, what graphology holds and the explorer reads), every
 *    evidence carries its sentence text (`sentence`, `sentenceStart`);
 *  - on disk (version 2), each article record stores the sentences its evidence
 *    quotes once (`sentences: [[start, text], ...]`), and an evidence's `sentence`
 *    is the index of its sentence there. A sentence with five entities used to be
 *    written once per mention and once per pair; now it is written once.
 *    Evidence written inline (a string `sentence` with its `sentenceStart`, as in
 *    version 1) is accepted too, so a file written by `JSON.stringify` of the
 *    in-memory shape still reads.
 * `GraphFileSchema` parses the disk shape and returns the in-memory one;
 * `serializeGraphFile` (src/graph/serialize.ts) writes the compact disk shape.
 */
import { z } from 'zod';
import { ENTITY_TYPES, LANGUAGES, RELATION_TYPES } from './vocabulary';

export const GRAPH_FILE_TYPE = 'kg-news-explorer/graph';
export const GRAPH_FILE_VERSION = 2;

const offset = z.number().int().nonnegative();

/** Where a mention was said: the article, its sentence, and offsets into the article text. */
export const MentionEvidenceSchema = z.object({
  article: z.string().min(1),
  /** The sentence, exactly as written in the article. */
  sentence: z.string(),
  /** Offset of the sentence in the article text. */
  sentenceStart: offset,
  /** The mention, [start, end) in the article text (so start - sentenceStart indexes `sentence`). */
  start: offset,
  end: offset,
  /** The mention as written. */
  text: z.string(),
  /** Its canonical form, as the extractor normalised it (kept so aliases and matching keys survive removals). */
  norm: z.string().optional(),
  /**
   * The lexicon entry the extractor identified it by ("loc:usa"), when it did: such a
   * mention names its entity unambiguously, even by a short name ("США").
   */
  ref: z.string().optional(),
  /** A mention of a class word ("наркотики"): a node with any is generic (see EntityNodeAttributes.generic). */
  generic: z.literal(true).optional(),
  /**
   * A descriptor ("ведомство", "президент") resolved to this entity within its article
   * (EntityMention.nominal): evidence and a mention, never a name (not a label, alias or match key).
   */
  nominal: z.literal(true).optional(),
});
export type MentionEvidence = z.infer<typeof MentionEvidenceSchema>;

export const RelationEvidenceSchema = z.object({
  article: z.string().min(1),
  sentence: z.string(),
  sentenceStart: offset,
  /** The source and target mentions, [start, end) in the article text. */
  source: z.tuple([offset, offset]),
  target: z.tuple([offset, offset]),
  /** Properties this sentence gave the relation (e.g. `position`); the edge's `props` merge them. */
  props: z.record(z.string(), z.string()).optional(),
});
export type RelationEvidence = z.infer<typeof RelationEvidenceSchema>;

export const EntityNodeAttributesSchema = z.object({
  label: z.string().min(1),
  type: z.enum(ENTITY_TYPES),
  subtype: z.string().optional(),
  /** Every distinct surface form seen (as written) and known alternative names. */
  aliases: z.array(z.string()),
  /** Number of mentions over all articles. */
  mentions: z.number().int().nonnegative(),
  /** Ids of the articles that mention this entity. */
  articles: z.array(z.string()),
  evidence: z.array(MentionEvidenceSchema),
  /** Ids of nodes that may be the same entity, kept apart because the evidence is too weak. */
  possibleSameAs: z.array(z.string()).optional(),
  /**
   * A class word rather than one thing ("наркотики", "сайт", "QR-код"; a category in the
   * lexicons): one node across articles, hidden by the explorer by default and avoided by
   * paths, since it links everything to everything.
   */
  generic: z.literal(true).optional(),
  /** Layout position, saved so a reload shows the same picture. */
  x: z.number().optional(),
  y: z.number().optional(),
});
export type EntityNodeAttributes = z.infer<typeof EntityNodeAttributesSchema>;

export const RelationEdgeAttributesSchema = z.object({
  type: z.enum(RELATION_TYPES),
  /** Number of evidence sentences (co-occurrence count for MENTIONED_WITH). */
  weight: z.number().nonnegative(),
  evidence: z.array(RelationEvidenceSchema),
  /** Relation properties, e.g. `position` for HOLDS_POSITION, `quantity` for SEIZED. */
  props: z.record(z.string(), z.string()).optional(),
});
export type RelationEdgeAttributes = z.infer<typeof RelationEdgeAttributesSchema>;

export const ArticleRecordSchema = z.object({
  /** Content hash of the article text: the same text is never ingested twice. */
  id: z.string().min(1),
  title: z.string(),
  lang: z.enum(LANGUAGES),
  published: z.string().optional(),
  author: z.string().optional(),
  source: z.object({ name: z.string(), url: z.string() }).optional(),
  /** File name it was read from, when it came from a file. */
  file: z.string().optional(),
  /** Length of the article text in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  /**
   * MONEY / QUANTITY / DATE mentions: values, not graph nodes ("19,4 тонны",
   * "80 миллионов тенге"), kept with their offsets in the article text.
   */
  facts: z
    .array(
      z.object({
        type: z.enum(['MONEY', 'QUANTITY', 'DATE']),
        text: z.string(),
        norm: z.string(),
        start: offset,
        end: offset,
      }),
    )
    .optional(),
});
export type ArticleRecord = z.infer<typeof ArticleRecordSchema>;

export const SerializedNodeSchema = z.object({
  key: z.string().min(1),
  attributes: EntityNodeAttributesSchema,
});

export const SerializedEdgeSchema = z.object({
  key: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  undirected: z.boolean().optional(),
  attributes: RelationEdgeAttributesSchema,
});

/** graphology's `graph.export()` for our attribute types. */
export const SerializedGraphSchema = z.object({
  attributes: z.record(z.string(), z.unknown()).optional(),
  options: z.object({
    type: z.literal('mixed'),
    multi: z.literal(true),
    allowSelfLoops: z.boolean(),
  }),
  nodes: z.array(SerializedNodeSchema),
  edges: z.array(SerializedEdgeSchema),
});
export type SerializedKnowledgeGraph = z.infer<typeof SerializedGraphSchema>;

/** User corrections that survive re-ingest (see src/resolve). */
export const OverridesSchema = z.object({
  /** Pairs of node ids the user declared to be one entity: the second is merged into the first. */
  merges: z.array(z.tuple([z.string(), z.string()])),
  /** Aliases the user split off an entity into a node of their own. */
  splits: z.array(z.object({ id: z.string(), aliases: z.array(z.string()) })),
});
export type Overrides = z.infer<typeof OverridesSchema>;

/** The in-memory graph file: every evidence with its sentence text. */
export const GraphDataSchema = z.object({
  type: z.literal(GRAPH_FILE_TYPE),
  version: z.literal(GRAPH_FILE_VERSION),
  articles: z.array(ArticleRecordSchema),
  graph: SerializedGraphSchema,
  overrides: OverridesSchema.optional(),
});
export type GraphFile = z.infer<typeof GraphDataSchema>;

// --- On disk (version 2) ---------------------------------------------------------

/** An article's quoted sentences: [offset of the sentence in the article text, the sentence]. */
const StoredSentencesSchema = z.array(z.tuple([offset, z.string()]));

export const StoredArticleRecordSchema = ArticleRecordSchema.extend({
  /** The sentences this article's evidence quotes, once each, in text order; evidence refers to them by index. */
  sentences: StoredSentencesSchema.optional(),
});

/** `sentence`: an index into the article's `sentences` (compact), or the sentence itself with `sentenceStart` (inline). */
const storedSentence = {
  sentence: z.union([z.number().int().nonnegative(), z.string()]),
  sentenceStart: offset.optional(),
};

export const StoredMentionEvidenceSchema = MentionEvidenceSchema.extend(storedSentence);
export const StoredRelationEvidenceSchema = RelationEvidenceSchema.extend(storedSentence);

const StoredGraphSchema = SerializedGraphSchema.extend({
  nodes: z.array(
    SerializedNodeSchema.extend({ attributes: EntityNodeAttributesSchema.extend({ evidence: z.array(StoredMentionEvidenceSchema) }) }),
  ),
  edges: z.array(
    SerializedEdgeSchema.extend({ attributes: RelationEdgeAttributesSchema.extend({ evidence: z.array(StoredRelationEvidenceSchema) }) }),
  ),
});

export const StoredGraphFileSchema = z.object({
  type: z.literal(GRAPH_FILE_TYPE),
  version: z.literal(GRAPH_FILE_VERSION),
  articles: z.array(StoredArticleRecordSchema),
  graph: StoredGraphSchema,
  overrides: OverridesSchema.optional(),
});
export type StoredGraphFile = z.infer<typeof StoredGraphFileSchema>;
type StoredEvidence = z.infer<typeof StoredMentionEvidenceSchema> | z.infer<typeof StoredRelationEvidenceSchema>;

/**
 * The graph file as read from disk: validates the disk shape and resolves every
 * evidence's sentence (an out-of-range index or a missing article is reported
 * with its path, like any other malformed field). Returns the in-memory shape.
 */
export const GraphFileSchema = StoredGraphFileSchema.transform((stored, ctx): GraphFile => {
  // zod's output objects are its own copies of the input, so the sentences are
  // filled in place: a large graph has hundreds of thousands of evidence objects,
  // and a second copy of each would double the load's allocations.
  const sentencesOf = new Map<string, ReadonlyArray<readonly [number, string]>>();
  for (const record of stored.articles) {
    sentencesOf.set(record.id, record.sentences ?? []);
    delete record.sentences;
  }
  const resolveSentence = (ev: StoredEvidence, path: () => PropertyKey[]): void => {
    if (typeof ev.sentence === 'string') {
      if (ev.sentenceStart === undefined) {
        ctx.issues.push({ code: 'custom', input: ev, path: [...path(), 'sentenceStart'], message: 'an evidence written with its sentence needs sentenceStart' });
      }
      return;
    }
    const list = sentencesOf.get(ev.article);
    const entry = list?.[ev.sentence];
    if (!entry) {
      const why = list === undefined ? `article ${JSON.stringify(ev.article)} is not in "articles"` : `sentence ${ev.sentence} is out of range (article ${ev.article} has ${list.length})`;
      ctx.issues.push({ code: 'custom', input: ev, path: [...path(), 'sentence'], message: why });
      return;
    }
    ev.sentence = entry[1];
    ev.sentenceStart = entry[0];
  };
  stored.graph.nodes.forEach((node, i) => node.attributes.evidence.forEach((ev, j) => resolveSentence(ev, () => ['graph', 'nodes', i, 'attributes', 'evidence', j])));
  stored.graph.edges.forEach((edge, i) => edge.attributes.evidence.forEach((ev, j) => resolveSentence(ev, () => ['graph', 'edges', i, 'attributes', 'evidence', j])));
  // Every evidence now has its sentence text and sentenceStart (or an issue was
  // recorded and zod reports the parse as failed): this is the in-memory shape.
  return stored as unknown as GraphFile;
});
