import { describe, expect, it } from 'vitest';
import { API_SUMMARY_TYPE, API_VERSION, type Summary } from '../../src/model/api';
import { edgeKey } from '../../src/model/edge-key';
import { fromWire, toWire } from '../../src/model/summary-wire';

const node = (id: string) => ({ id, label: id, type: 'PERSON' as const, aliases: [id], mentions: 1, articles: [0] });

const summary: Summary = {
  type: API_SUMMARY_TYPE,
  version: API_VERSION,
  revision: '3',
  articles: [{ id: 'a1', title: 'T', lang: 'ru' }],
  nodes: [node('person:a'), node('person:b'), node('organization:c')],
  edges: [
    { id: edgeKey('MENTIONED_WITH', 'person:b', 'person:a'), source: 'person:a', target: 'person:b', undirected: true, type: 'MENTIONED_WITH', weight: 2, articles: [0] },
    { id: edgeKey('HOLDS_POSITION', 'person:a', 'organization:c'), source: 'person:a', target: 'organization:c', type: 'HOLDS_POSITION', weight: 1, articles: [0], props: { position: 'глава' } },
    // A graph imported from elsewhere may key its edges its own way, even two of one type between one pair.
    { id: 'e-17', source: 'person:b', target: 'organization:c', type: 'HOLDS_POSITION', weight: 1, articles: [] },
    { id: 'e-18', source: 'person:b', target: 'organization:c', type: 'HOLDS_POSITION', weight: 1, articles: [] },
  ],
  overrides: { merges: [], splits: [] },
};

describe('the summary on the wire', () => {
  it('reads back as the summary it was made from, own edge keys included', () => {
    expect(fromWire(JSON.parse(JSON.stringify(toWire(summary))))).toEqual(summary);
  });

  it('spells no edge id out when the key follows from the edge', () => {
    const wire = toWire(summary);
    expect(wire.edges[0]).toEqual([0, 1, 0, 2, [0]]);
    expect(wire.edges[1]).toHaveLength(6);
    expect(wire.edges[2]).toEqual([1, 2, 1, 1, [], null, 'e-17']);
  });

  it('refuses an edge between nodes it does not list, with a message', () => {
    const wire = toWire(summary);
    wire.edges.push([0, 9, 0, 1, []]);
    expect(() => fromWire(wire)).toThrow(/edge between nodes 0 and 9/);
  });
});
