/**
 * The user's corrections (`kg merge`, `kg split`), applied whenever an entity's
 * names come back: on every later ingest and on a rebuild.
 */
import type { EntityMention } from '../model/extraction';
import type { MentionEvidence, Overrides } from '../model/graph-file';
import type { EntityType } from '../model/vocabulary';
import { entityKey } from '../resolve/keys';
import { foldName } from '../resolve/names';

/** Follows user merges: a node merged into another by `kg merge` stays merged (chains followed, cycles cut). */
export function redirect(overrides: Overrides, id: string): string {
  let current = id;
  for (let hops = 0; hops <= overrides.merges.length; hops++) {
    const merge = overrides.merges.find(([, absorbed]) => absorbed === current);
    if (!merge) return current;
    current = merge[0];
  }
  return current;
}

/** The node a mention of `nodeId` goes to: the split-off node when the user split its name off. */
export function routeSplit(overrides: Overrides, nodeId: string, mention: Pick<EntityMention, 'norm' | 'text'>): string {
  for (const split of overrides.splits) {
    if (split.id !== nodeId) continue;
    const aliases = new Set(split.aliases.map(foldName));
    if (aliases.has(foldName(mention.norm)) || aliases.has(foldName(mention.text))) return splitNodeId(split.id, split.aliases);
  }
  return nodeId;
}

/** The mentions a split of these aliases takes: written or normalised as one of them, in any case and ё/е spelling. */
export function mentionsOfAliases(evidence: readonly MentionEvidence[], aliases: readonly string[]): MentionEvidence[] {
  const folded = new Set(aliases.map(foldName));
  return evidence.filter((ev) => folded.has(foldName(ev.norm ?? ev.text)) || folded.has(foldName(ev.text)));
}

/** The ids of every node the user's splits created. */
export function splitOffIds(overrides: Overrides): Set<string> {
  return new Set(overrides.splits.map((s) => splitNodeId(s.id, s.aliases)));
}

/** The id of the node a split creates: the original id, "~", and the first alias's key. */
export function splitNodeId(id: string, aliases: readonly string[]): string {
  const type = id.slice(0, id.indexOf(':'));
  const key = entityKey((type.toUpperCase() as EntityType) ?? 'PERSON', aliases[0] ?? '').slice(type.length + 1);
  return `${id}~${key}`;
}
