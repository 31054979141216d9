/** A toolbar button that opens a file chooser for graph files (articles are added from their own panel). */
import type { Explorer } from '../explorer';
import { t } from '../i18n';
import { loadGraphFileFromUser } from './drop';
import { el } from './dom';

export function mountOpenGraphButton(toolbar: HTMLElement, explorer: Explorer): HTMLButtonElement {
  const input = el('input', { attrs: { type: 'file', id: 'open-graph-file', accept: '.json,application/json', hidden: '' } });
  const button = el('button', { attrs: { type: 'button', id: 'open-graph' } }, t().openGraph);
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void loadGraphFileFromUser(explorer, file);
  });
  toolbar.prepend(button, input);
  explorer.onLanguageChange(() => {
    button.textContent = t().openGraph;
  });
  return button;
}
