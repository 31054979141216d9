/**
 * Which node an article's entity is, given what the graph already holds: the
 * candidates its match keys find, which of them may be merged (never two different
 * full names, unless a lexicon entry says they are one), which are only possibly
 * the same, and which id the result keeps. Every choice is a function of the
 * names, not of the order articles came in (see src/resolve/across-articles.ts).
 */
import { compareIds, compatible, fullNameKeys } from '../resolve/across-articles';
import { mergeInto } from './evidence-move';
import type { GraphState } from './graph-state';
import { redirect, splitOffIds } from './overrides';
import type { EntityGroup } from './prepare-article';
import { detachAmbiguousShortMentions, fullCandidatesOfShort } from './short-names';

/** Finds (and merges, when several fit) the node an article's entity belongs to; returns its id. */
export function resolveGroup(state: GraphState, { proposedId, profile, keys, subtype }: Omit<EntityGroup, 'indices'>): string {
  const groupFull = fullNameKeys(profile);
  const splitIds = splitOffIds(state.overrides);
  // A node the user split off is reached only through routeSplit, never by its names.
  const found = (list: string[]) => {
    const ids = new Set<string>();
    for (const key of list) for (const id of state.candidates(key)) if (!splitIds.has(id)) ids.add(id);
    return ids;
  };
  // A node its lexicon entry identifies is this entity, whatever names each side has seen so far.
  const sameRef = (id: string) => profile.ref !== undefined && (state.nodeState.get(id)?.refs.has(profile.ref) ?? false);
  const candidates = [...new Set([...found([`id:${proposedId}`, ...keys.strong]), ...found(keys.weak)])].filter(
    (id) => state.nodeState.get(id)?.type === profile.type && (compatible(groupFull, state.fullNames(id)) || sameRef(id)),
  );
  const full = candidates.filter((id) => state.fullNames(id).size > 0);
  const short = candidates.filter((id) => state.fullNames(id).size === 0);

  const merge = new Set<string>();
  const possible = new Set<string>();
  if (groupFull.size > 0) {
    for (const id of full) merge.add(id);
    for (const id of short) {
      // A short node joins this full name only if no other full name fits it too.
      const rivals = fullCandidatesOfShort(state, id, splitIds).filter((r) => !merge.has(r) && !compatible(groupFull, state.fullNames(r)));
      if (rivals.length === 0) merge.add(id);
      else possible.add(id);
    }
  } else {
    for (const id of short) merge.add(id);
    if (full.length === 1) merge.add(full[0]!);
    else for (const id of full) possible.add(id);
  }
  for (const id of candidates) {
    if (!sameRef(id)) continue;
    merge.add(id);
    possible.delete(id);
  }

  // Take the best id among the group's own and the merged nodes' (order-independent).
  const ranked = [
    { id: proposedId, short: groupFull.size === 0 },
    ...[...merge].map((id) => ({ id, short: state.fullNames(id).size === 0 })),
  ].sort(compareIds);
  const target = redirect(state.overrides, ranked[0]!.id);
  state.ensureNode(target, profile.type, subtype);
  for (const id of merge) if (id !== target && state.graph.hasNode(id)) mergeInto(state, target, id);
  for (const id of possible) {
    if (id === target || !state.graph.hasNode(id)) continue;
    state.stateOf(target).possibleSameAs.add(id);
    state.stateOf(id).possibleSameAs.add(target);
    state.changes.touchNode(id);
  }
  if (groupFull.size > 0) {
    // Full names this one rivals for a short name (same surname, same acronym).
    const rivalKeys = keys.indexed.filter((k) => k.startsWith('w:') || k.startsWith('a:'));
    const groupWeak = new Set(rivalKeys);
    for (const rival of found(rivalKeys)) {
      if (rival === target || !state.graph.hasNode(rival) || merge.has(rival)) continue;
      const rivalState = state.stateOf(rival);
      if (rivalState.articles.size === rivalState.fullArticles.size) continue; // named in full wherever it appears
      if (rivalState.type !== profile.type || state.fullNames(rival).size === 0) continue;
      if (compatible(groupFull, state.fullNames(rival)) || sameRef(rival)) continue;
      detachAmbiguousShortMentions(state, rival, groupWeak, target);
    }
  }
  return target;
}
