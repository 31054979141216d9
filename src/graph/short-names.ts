/**
 * A short name (a lone surname, an acronym) says which entity it is only when one
 * full name fits it. Whether one does changes as articles arrive, and the graph
 * must not depend on their order: a short name that already joined a full name is
 * detached again when a second full name that fits it appears, exactly as if the
 * two full names had been there first.
 */
import type { MentionEvidence } from '../model/graph-file';
import { isShortName, matchKeys, scopeOf } from '../resolve/across-articles';
import { entityKey } from '../resolve/keys';
import { representativeName } from '../resolve/within-document';
import { mentionId, moveEvidence } from './evidence-move';
import type { GraphState } from './graph-state';

/** The nodes with a full name that the short node `id` could stand for (nodes split off by the user excepted). */
export function fullCandidatesOfShort(state: GraphState, id: string, splitIds: ReadonlySet<string>): string[] {
  const node = state.stateOf(id);
  const keys = matchKeys({ type: node.type, norms: node.norms.keys(), scope: scopeOf(id) });
  const out = new Set<string>();
  for (const key of keys.weak) {
    for (const other of state.candidates(key)) if (other !== id && !splitIds.has(other) && state.fullNames(other).size > 0) out.add(other);
  }
  return [...out];
}

/**
 * A new full name (`newId`, with the weak keys `groupKeys`) rivals an existing
 * full name `rival` for some short name ("Петров" once merged into "Сергей
 * Петров", now that "Александр Петров" appears too). The articles where `rival`
 * was named only by that short name no longer say which of the two they mean:
 * their mentions move to a node of the short name, with both as possibleSameAs.
 */
export function detachAmbiguousShortMentions(state: GraphState, rival: string, groupKeys: ReadonlySet<string>, newId: string): void {
  state.guard?.evidence(rival);
  const type = state.stateOf(rival).type;
  const byArticle = new Map<string, MentionEvidence[]>();
  for (const ev of state.graph.getNodeAttribute(rival, 'evidence')) byArticle.set(ev.article, [...(byArticle.get(ev.article) ?? []), ev]);
  const moving: MentionEvidence[] = [];
  for (const evidence of byArticle.values()) {
    // A nominal mention ("президент") names nothing: the article's names decide.
    const norms = evidence.filter((ev) => !ev.nominal).map((ev) => ev.norm ?? ev.text);
    if (norms.length === 0 || !norms.every((n) => isShortName(type, n))) continue;
    // An article that named it through the lexicon ("США" as loc:usa) said which one it
    // meant: ingested after the rival, its mentions would have joined the lexicon's node.
    if (evidence.some((ev) => ev.ref !== undefined)) continue;
    const keys = matchKeys({ type, norms, scope: scopeOf(rival) }).weak;
    if (keys.some((k) => groupKeys.has(k))) for (const ev of evidence) moving.push(ev); // not push(...): a hub has more mentions than a call has arguments
  }
  if (moving.length === 0) return;
  const target = `${entityKey(type, representativeName(moving.filter((ev) => !ev.nominal).map((ev) => ev.norm ?? ev.text)))}${scopeOf(rival)}`;
  state.ensureNode(target, type, state.graph.getNodeAttribute(rival, 'subtype'));
  moveEvidence(state, rival, target, new Set(moving.map((ev) => mentionId(ev.article, [ev.start, ev.end]))));
  const targetState = state.stateOf(target);
  for (const other of [rival, newId]) {
    state.guard?.node(other);
    if (other === target || !state.graph.hasNode(other)) continue;
    targetState.possibleSameAs.add(other);
    state.stateOf(other).possibleSameAs.add(target);
    state.changes.touchNode(other);
  }
}
