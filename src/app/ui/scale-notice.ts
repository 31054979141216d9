/** "Showing 640 of 2,798 entities" above a large graph's readable default, with the way out. */
import { t } from '../i18n';
import { READABLE_TOP_MENTIONED } from '../view/readable-default';
import { clear, el } from './dom';

export interface ScaleNoticeInput {
  /** The readable default applies to this graph (it is large). */
  large: boolean;
  showAll: boolean;
  shown: number;
  total: number;
}

export function renderScaleNotice(container: HTMLElement, input: ScaleNoticeInput, setShowAll: (all: boolean) => void): void {
  clear(container);
  container.hidden = !input.large;
  if (!input.large) return;
  const s = t();
  if (input.showAll) {
    container.append(
      el('button', { attrs: { type: 'button', id: 'show-readable' }, on: { click: () => setShowAll(false) } }, s.showReadable),
    );
    return;
  }
  container.append(
    el('span', { attrs: { 'data-testid': 'showing-count' } }, s.showingOf(input.shown, input.total)),
    el('span', { class: 'muted' }, ` (${s.readableRule(READABLE_TOP_MENTIONED)}) `),
    el('button', { attrs: { type: 'button', id: 'show-all' }, on: { click: () => setShowAll(true) } }, s.showEverything),
  );
}
