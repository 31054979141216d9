/** Zoom in, zoom out, fit and reset buttons over the canvas (for users without a wheel or a trackpad). */
import { t } from '../i18n';
import type { GraphView } from '../sigma/renderer';
import { clear, el } from './dom';

export function renderZoomControls(container: HTMLElement, view: GraphView, fit: () => void): void {
  clear(container);
  const s = t();
  const button = (id: string, label: string, title: string, onClick: () => void) =>
    el('button', { attrs: { type: 'button', id, title, 'aria-label': title }, on: { click: onClick } }, label);
  container.append(
    button('zoom-in', '+', s.zoomIn, () => void view.zoomIn()),
    button('zoom-out', '−', s.zoomOut, () => void view.zoomOut()),
    button('zoom-fit', '⤢', s.zoomFit, fit),
    button('zoom-reset', '⟲', s.zoomReset, () => void view.resetCamera()),
  );
}
