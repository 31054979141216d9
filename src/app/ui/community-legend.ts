/** When nodes are coloured by community: which colour is which community, largest first, with counts. */
import { t } from '../i18n';
import type { MetricsStatus } from '../view/metrics-client';
import { clear, el } from './dom';

/** Communities listed one by one; the rest are summed in one line. */
const SHOWN_COMMUNITIES = 12;

export function renderCommunityLegend(
  container: HTMLElement,
  community: ReadonlyMap<string, number> | null,
  status: MetricsStatus,
  colorOf: (community: number) => string,
): void {
  clear(container);
  const s = t();
  container.append(el('h2', {}, s.communityLegend));
  if (!community) {
    container.append(el('p', { class: 'muted', attrs: { 'data-testid': 'community-computing' } }, status === 'failed' ? s.metricsFailed : s.computing));
    return;
  }
  const sizes = new Map<number, number>();
  for (const c of community.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const ranked = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const list = el('ul', { class: 'legend-list', attrs: { 'data-testid': 'community-legend' } });
  ranked.slice(0, SHOWN_COMMUNITIES).forEach(([c, count], i) => {
    list.append(
      el(
        'li',
        { attrs: { 'data-community': String(c) } },
        el('span', { class: 'swatch', attrs: { style: `background:${colorOf(c)}`, 'aria-hidden': 'true' } }),
        s.communityItem(i + 1),
        el('span', { class: 'count' }, String(count)),
      ),
    );
  });
  const rest = ranked.slice(SHOWN_COMMUNITIES);
  if (rest.length) {
    const restCount = rest.reduce((sum, [, n]) => sum + n, 0);
    list.append(el('li', { class: 'muted' }, s.otherCommunities(rest.length), el('span', { class: 'count' }, String(restCount))));
  }
  container.append(list);
}
