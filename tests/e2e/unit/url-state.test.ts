/** The URL codec of the explorer's view state (runs in Node, no browser). */
import { describe, expect, it } from 'vitest';
import { decodeViewState, encodeViewState } from '../../../src/app/state/url-state';
import { defaultViewState, type ViewState } from '../../../src/app/state/view-state';

describe('view state in the URL', () => {
  it('round-trips every field, including node ids with reserved characters', () => {
    const state: ViewState = {
      selected: 'person:тлеген маткенов&x=1#',
      filters: {
        hiddenTypes: ['DATE', 'MONEY'],
        article: '85c1dee59fd444ef',
        dateFrom: '2019-01-01',
        dateTo: '2019-12-31',
        minMentions: 3,
        hiddenRelations: ['MENTIONED_WITH'],
        hideIsolated: true,
        showClassWords: true,
        minCooccurrence: 2,
      },
      focus: { node: 'org:mvd', hops: 2 },
      path: ['a~b', 'c,d'],
      camera: { x: 0.51234, y: 0.4, ratio: 1.25 },
      colorBy: 'community',
      sizeBy: 'pagerank',
      showAll: true,
      pathOptions: { typedOnly: true, avoidHubs: true },
    };
    const decoded = decodeViewState(`#${encodeViewState(state)}`);
    expect(decoded).toEqual({ ...state, camera: { x: 0.5123, y: 0.4, ratio: 1.25 } });
  });

  it('encodes the default state as an empty hash', () => {
    expect(encodeViewState(defaultViewState())).toBe('');
    expect(decodeViewState('')).toEqual(defaultViewState());
  });

  it('drops what it cannot trust instead of failing', () => {
    const decoded = decodeViewState('#ht=PERSON,NOPE,PERSON&min=-4&from=2019-13&cam=1,NaN,2&hops=7&focus=x&color=pink&size=&pa=onlyone&hr=SEIZED,bogus');
    expect(decoded.filters.hiddenTypes).toEqual(['PERSON']);
    expect(decoded.filters.minMentions).toBe(0);
    expect(decoded.filters.dateFrom).toBeNull();
    expect(decoded.camera).toBeNull();
    expect(decoded.focus).toEqual({ node: 'x', hops: 1 });
    expect(decoded.colorBy).toBe('type');
    expect(decoded.sizeBy).toBe('mentions');
    expect(decoded.path).toBeNull();
    expect(decoded.filters.hiddenRelations).toEqual(['SEIZED']);
  });
});
