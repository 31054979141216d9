/**
 * kg serve's read queries: what the page draws (the summary) and what it asks for
 * on demand (one node's or one edge's evidence, one article), straight from the
 * tables, without loading the graph with its evidence. Portable Kysely only: the
 * same queries run on SQLite and PostgreSQL.
 *
 * Joins stay within what Citus can distribute (schema.ts): evidence is read from
 * its table by its entity or edge, then its sentences by article, never a join of
 * two large tables on anything but the distribution column.
 */
import { API_SUMMARY_TYPE, API_VERSION, type SummaryArticle, type SummaryEdge, type SummaryNode, type Summary } from '../model/api';
import type { ArticleRecord, MentionEvidence, RelationEvidence } from '../model/graph-file';
import type { EntityType, Language, RelationType } from '../model/vocabulary';
import { articleOfRow, evidenceOfMention, evidenceOfRelation, readOverrides } from './rows';
import type { Db } from './sql-store';

/** The store's revision as seen inside a snapshot (the same meta row SqlGraphStore.revision reads). */
export async function revisionIn(db: Db): Promise<string> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'revision').executeTakeFirst();
  return row?.value ?? '0';
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Pushes `value` to the list under `key`, creating it. */
function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The whole graph without evidence: one scan of each small table, two distinct scans of the evidence tables. */
export async function readSummary(db: Db): Promise<Summary> {
  const revision = await revisionIn(db);
  // Sorted here, not by ORDER BY: PostgreSQL sorts text by its collation, SQLite by code unit.
  const articleRows = (await db.selectFrom('articles').select(['id', 'title', 'lang', 'published', 'source_name', 'source_url']).execute()).sort((a, b) => byString(a.id, b.id));
  const articles: SummaryArticle[] = articleRows.map((row) => {
    const article: SummaryArticle = { id: row.id, title: row.title, lang: row.lang as Language };
    if (row.published !== null) article.published = row.published;
    if (row.source_name !== null && row.source_url !== null) article.source = { name: row.source_name, url: row.source_url };
    return article;
  });
  const articleIndex = new Map(articles.map((a, i) => [a.id, i]));
  const indexes = (ids: readonly string[] | undefined) =>
    (ids ?? [])
      .map((id) => articleIndex.get(id))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);

  // Aliases as the graph derives them: canonical names and forms as written, once each, sorted.
  const aliases = new Map<string, Set<string>>();
  for (const row of await db.selectFrom('entity_names').select(['entity_id', 'name']).where('kind', 'in', ['n', 't']).execute()) {
    const set = aliases.get(row.entity_id) ?? new Set<string>();
    set.add(row.name);
    aliases.set(row.entity_id, set);
  }
  const nodeArticles = new Map<string, string[]>();
  for (const row of await db.selectFrom('mentions').select(['entity_id', 'article_id']).distinct().execute()) add(nodeArticles, row.entity_id, row.article_id);
  const possible = new Map<string, string[]>();
  for (const row of await db.selectFrom('possible_same_as').select(['entity_id', 'other_id']).execute()) add(possible, row.entity_id, row.other_id);

  const nodes: SummaryNode[] = (await db.selectFrom('entities').selectAll().execute()).sort((a, b) => byString(a.id, b.id)).map((row) => {
    const node: SummaryNode = {
      id: row.id,
      label: row.label,
      type: row.type as EntityType,
      aliases: [...(aliases.get(row.id) ?? [])].sort(),
      mentions: Number(row.mentions),
      articles: indexes(nodeArticles.get(row.id)),
    };
    if (row.subtype !== null) node.subtype = row.subtype;
    if (Number(row.generic) === 1) node.generic = true;
    const same = possible.get(row.id);
    if (same) node.possibleSameAs = same.sort(byString);
    if (row.x !== null) node.x = Number(row.x);
    if (row.y !== null) node.y = Number(row.y);
    return node;
  });

  const edgeArticles = new Map<string, string[]>();
  for (const row of await db.selectFrom('relation_evidence').select(['edge_key', 'article_id']).distinct().execute()) add(edgeArticles, row.edge_key, row.article_id);
  const edges: SummaryEdge[] = (await db.selectFrom('edges').selectAll().execute()).sort((a, b) => byString(a.key, b.key)).map((row) => {
    const edge: SummaryEdge = { id: row.key, source: row.source_id, target: row.target_id, type: row.type as RelationType, weight: Number(row.weight), articles: indexes(edgeArticles.get(row.key)) };
    if (Number(row.undirected) === 1) edge.undirected = true;
    if (row.props !== null) edge.props = JSON.parse(row.props) as Record<string, string>;
    return edge;
  });

  return { type: API_SUMMARY_TYPE, version: API_VERSION, revision, articles, nodes, edges, overrides: await readOverrides(db) };
}

export interface EvidencePage<T> {
  evidence: T[];
  total: number;
}

/** The sentences quoted by these (article, sentence start) pairs, read article by article. */
async function sentencesFor(db: Db, wanted: ReadonlyArray<{ article_id: string; sentence_start: number }>): Promise<(article: string, start: number) => string> {
  const starts = new Map<string, Set<number>>();
  for (const w of wanted) {
    const set = starts.get(w.article_id) ?? new Set<number>();
    set.add(Number(w.sentence_start));
    starts.set(w.article_id, set);
  }
  const text = new Map<string, string>();
  for (const [article, set] of starts) {
    const rows = await db.selectFrom('sentences').select(['start', 'text']).where('article_id', '=', article).where('start', 'in', [...set]).execute();
    for (const row of rows) text.set(`${article}|${Number(row.start)}`, row.text);
  }
  return (article, start) => text.get(`${article}|${start}`) ?? '';
}

/** One page of an entity's mentions, in article then text order (the graph file's order). */
export async function readEntityEvidence(db: Db, id: string, offset: number, limit: number): Promise<EvidencePage<MentionEvidence>> {
  const total = Number((await db.selectFrom('mentions').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', id).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('mentions').selectAll().where('entity_id', '=', id).orderBy('article_id').orderBy('start').orderBy('end').limit(limit).offset(offset).execute();
  const sentence = await sentencesFor(db, rows);
  return { total, evidence: rows.map((row) => evidenceOfMention(row, sentence(row.article_id, Number(row.sentence_start)))) };
}

/** One page of a relation's evidence, in article then sentence order. */
export async function readEdgeEvidence(db: Db, key: string, offset: number, limit: number): Promise<EvidencePage<RelationEvidence>> {
  const total = Number((await db.selectFrom('relation_evidence').select((eb) => eb.fn.countAll().as('n')).where('edge_key', '=', key).executeTakeFirstOrThrow()).n);
  const rows = await db
    .selectFrom('relation_evidence')
    .selectAll()
    .where('edge_key', '=', key)
    .orderBy('article_id')
    .orderBy('sentence_start')
    .orderBy('source_start')
    .orderBy('target_start')
    .orderBy('source_end')
    .orderBy('target_end')
    .limit(limit)
    .offset(offset)
    .execute();
  const sentence = await sentencesFor(db, rows);
  return { total, evidence: rows.map((row) => evidenceOfRelation(row, sentence(row.article_id, Number(row.sentence_start)))) };
}

/** An article's record and its whole text; undefined when there is no such article. */
export async function readArticle(db: Db, id: string): Promise<{ article: ArticleRecord; text: string } | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { article: articleOfRow({ ...row, text: null }), text: row.text ?? '' };
}
