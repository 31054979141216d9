/**
 * How much of the canvas the floating panels (the add-article panel; the path
 * panel when a layout puts it over the canvas) cover, so the camera can frame
 * things in the part the user can see.
 */
import type { Insets } from '../sigma/renderer';

const OVERLAY_IDS = ['path-panel', 'add-panel'];

export function uncoveredInsets(canvas: HTMLElement): Insets {
  const box = canvas.getBoundingClientRect();
  const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const id of OVERLAY_IDS) {
    const panel = document.getElementById(id);
    if (!panel || panel.hidden) continue;
    const r = panel.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // Only a panel over the canvas covers anything (the path panel sits above it).
    if (r.right <= box.left || r.left >= box.right || r.bottom <= box.top || r.top >= box.bottom) continue;
    // A panel hugging one side takes a column off that side, or the band above its bottom edge,
    // whichever leaves the larger room (the path panel is wide and short, the add panel tall).
    const fromLeft = r.right - box.left;
    const fromRight = box.right - r.left;
    const fromTop = r.bottom - box.top;
    const side = fromLeft <= fromRight ? 'left' : 'right';
    const sideCut = Math.min(side === 'left' ? fromLeft : fromRight, box.width / 2);
    const topCut = Math.min(fromTop, box.height / 2);
    if ((box.width - sideCut) * box.height >= box.width * (box.height - topCut)) insets[side] = Math.max(insets[side], sideCut);
    else insets.top = Math.max(insets.top, topCut);
  }
  return insets;
}
