/** An edge's key: one per relation type and (ordered, or for undirected relations unordered) pair of nodes. */
import { UNDIRECTED_RELATIONS, type RelationType } from './vocabulary';

export function edgeKey(type: RelationType, source: string, target: string): string {
  if (UNDIRECTED_RELATIONS.has(type)) {
    const [a, b] = source <= target ? [source, target] : [target, source];
    return `${type}:${a}--${b}`;
  }
  return `${type}:${source}->${target}`;
}
