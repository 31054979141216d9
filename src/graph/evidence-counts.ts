/**
 * What a node's evidence adds up to, kept as counts so that adding or removing
 * one mention costs O(1): the names and forms it is called by, the articles that
 * mention it, and those that name it in full. Labels, aliases and the match keys
 * are derived from these counts.
 */
import type { MentionEvidence } from '../model/graph-file';
import type { EntityType } from '../model/vocabulary';
import { isShortName } from '../resolve/across-articles';

export interface NodeState {
  type: EntityType;
  /** Canonical names and their mention counts. */
  norms: Map<string, number>;
  /** Forms as written and their mention counts. */
  texts: Map<string, number>;
  /** Lexicon entries its mentions were identified by, and their mention counts: an identity, whatever the names. */
  refs: Map<string, number>;
  /** Mentions of it as a class word ("наркотики"): the node is generic while there are any. */
  genericMentions: number;
  /** Article id -> mentions in it. */
  articles: Map<string, number>;
  /** Article id -> mentions in it by a full name (not a short one): the others name it only by a short name. */
  fullArticles: Map<string, number>;
  possibleSameAs: Set<string>;
  /** Index keys currently registered for this node. */
  keys: string[];
  /** fullNameKeys of `norms`, until the set of names changes. */
  fullNames?: Set<string> | undefined;
}

export function newNodeState(type: EntityType): NodeState {
  return { type, norms: new Map(), texts: new Map(), refs: new Map(), genericMentions: 0, articles: new Map(), fullArticles: new Map(), possibleSameAs: new Set(), keys: [] };
}

/** Counts one mention in (+1) or out (-1); a name that appears or disappears invalidates the cached full names. */
export function countEvidence(state: NodeState, ev: MentionEvidence, delta: 1 | -1): void {
  const bump = (map: Map<string, number>, key: string) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  };
  if (ev.nominal) {
    // A descriptor ("ведомство") is a mention of the entity in that article, never one of its names.
    bump(state.articles, ev.article);
    return;
  }
  const norm = ev.norm ?? ev.text;
  if (delta > 0 ? !state.norms.has(norm) : state.norms.get(norm) === 1) state.fullNames = undefined;
  bump(state.norms, norm);
  bump(state.texts, ev.text);
  if (ev.ref !== undefined) bump(state.refs, ev.ref);
  if (ev.generic) state.genericMentions += delta;
  bump(state.articles, ev.article);
  if (!isShortName(state.type, norm)) bump(state.fullArticles, ev.article);
}

/**
 * A node loaded without its mentions (a working set's "light" node): its names
 * with their counts and how many articles mention it (in full), which is all that
 * resolution reads of a node it only adds to. Its evidence array then holds only
 * the mentions added in this run.
 */
export interface LightNodeState {
  norms: ReadonlyMap<string, number>;
  texts: ReadonlyMap<string, number>;
  refs: ReadonlyMap<string, number>;
  genericMentions: number;
  articleCount: number;
  fullArticleCount: number;
}

/**
 * Article -> mentions for a node whose stored mentions are not loaded: `base`
 * articles are known only by their number. Only articles new to the node are ever
 * added here (the guard loads the node whole before anything else changes it).
 */
class ArticleCounts extends Map<string, number> {
  constructor(private readonly base: number) {
    super();
  }

  override get size(): number {
    return super.size + this.base;
  }
}

/** Counts a node from its stored counts instead of its mentions, which are not loaded (see LightNodeState). */
export function loadLightCounts(state: NodeState, counts: LightNodeState): void {
  state.norms = new Map(counts.norms);
  state.texts = new Map(counts.texts);
  state.refs = new Map(counts.refs);
  state.genericMentions = counts.genericMentions;
  state.articles = new ArticleCounts(counts.articleCount);
  state.fullArticles = new ArticleCounts(counts.fullArticleCount);
  state.fullNames = undefined;
}
