/** The path panel's options: typed relations only, avoid hubs (rules in view/path.ts). */
import { t } from '../i18n';
import type { PathOptions } from '../state/view-state';
import { el } from './dom';

export function pathOptionsControl(options: PathOptions, onChange: (options: PathOptions) => void): HTMLElement {
  const s = t();
  const box = (id: string, checked: boolean, label: string, apply: (on: boolean) => PathOptions) => {
    const input = el('input', { attrs: { type: 'checkbox', id } });
    input.checked = checked;
    input.addEventListener('change', () => onChange(apply(input.checked)));
    return el('div', {}, input, el('label', { attrs: { for: id } }, ` ${label}`));
  };
  return el(
    'div',
    { class: 'path-options' },
    box('path-typed', options.typedOnly, s.pathTypedOnly, (on) => ({ ...options, typedOnly: on })),
    box('path-avoid-hubs', options.avoidHubs, s.pathAvoidHubs, (on) => ({ ...options, avoidHubs: on })),
  );
}
