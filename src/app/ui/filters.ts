/**
 * The legend (type checkboxes with counts) and the other filters. Renders from
 * the current state and reports changes; owns no state itself.
 */
import type { ArticleRecord } from '../../model/graph-file';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../../model/vocabulary';
import { t } from '../i18n';
import { defaultFilters, type Filters } from '../state/view-state';
import { RELATION_COLORS, TYPE_COLORS } from '../view/appearance';
import { clear, el } from './dom';

export interface FilterInputs {
  filters: Filters;
  typeCounts: ReadonlyMap<EntityType, number>;
  typeTotals: ReadonlyMap<EntityType, number>;
  relationTotals: ReadonlyMap<RelationType, number>;
  articles: readonly ArticleRecord[];
  colorByType: boolean;
}

/**
 * The controls are built once per graph and language and updated in place after
 * (updateLegend, updateFilters), so the one being used keeps its focus; their
 * handlers read the filters at the time of the event through `current`.
 */
export function renderLegend(container: HTMLElement, input: FilterInputs, current: () => Filters, onChange: (filters: Filters) => void): void {
  clear(container);
  const s = t();
  const { filters } = input;
  const types = ENTITY_TYPES.filter((type) => (input.typeTotals.get(type) ?? 0) > 0);
  const list = el('ul', { class: 'legend-list' });
  for (const type of types) {
    const id = `legend-${type}`;
    const checkbox = el('input', { attrs: { type: 'checkbox', id, 'data-type': type } });
    checkbox.checked = !filters.hiddenTypes.includes(type);
    checkbox.addEventListener('change', () => {
      const filters = current();
      const hidden = new Set(filters.hiddenTypes);
      if (checkbox.checked) hidden.delete(type);
      else hidden.add(type);
      onChange({ ...filters, hiddenTypes: ENTITY_TYPES.filter((x) => hidden.has(x)) });
    });
    list.append(
      el(
        'li',
        {},
        checkbox,
        el(
          'label',
          { attrs: { for: id } },
          el('span', { class: 'swatch', attrs: { style: input.colorByType ? `background:${TYPE_COLORS[type]}` : 'background:#999', 'aria-hidden': 'true' } }),
          s.entityTypes[type],
          el('span', { class: 'count', attrs: { 'data-testid': `count-${type}` } }, String(input.typeCounts.get(type) ?? 0)),
        ),
      ),
    );
  }
  container.append(el('h2', {}, s.legend), list);
}

/** The legend's checkboxes and counts for new filters, without rebuilding it. */
export function updateLegend(container: HTMLElement, filters: Filters, typeCounts: ReadonlyMap<EntityType, number>): void {
  for (const type of ENTITY_TYPES) {
    const box = container.querySelector<HTMLInputElement>(`#legend-${type}`);
    if (box) box.checked = !filters.hiddenTypes.includes(type);
    const count = container.querySelector(`[data-testid=count-${type}]`);
    if (count) count.textContent = String(typeCounts.get(type) ?? 0);
  }
}

/** The filter controls' values for new filters (a link, Back, reset), without rebuilding them. */
export function updateFilters(container: HTMLElement, filters: Filters): void {
  const set = <E extends HTMLInputElement | HTMLSelectElement>(selector: string, apply: (e: E) => void) => {
    const element = container.querySelector<E>(selector);
    if (element) apply(element);
  };
  set<HTMLSelectElement>('#filter-article', (e) => (e.value = filters.article ?? ''));
  set<HTMLInputElement>('#filter-from', (e) => (e.value = filters.dateFrom ?? ''));
  set<HTMLInputElement>('#filter-to', (e) => (e.value = filters.dateTo ?? ''));
  // A number being typed is left alone while it means the same value.
  set<HTMLInputElement>('#filter-min', (e) => Number(e.value) !== filters.minMentions && (e.value = String(filters.minMentions)));
  set<HTMLInputElement>('#filter-min-weight', (e) => Number(e.value) !== filters.minCooccurrence && (e.value = String(filters.minCooccurrence)));
  for (const box of container.querySelectorAll<HTMLInputElement>('input[data-relation]')) box.checked = !filters.hiddenRelations.includes(box.dataset['relation'] as RelationType);
  set<HTMLInputElement>('#filter-isolated', (e) => (e.checked = filters.hideIsolated));
  set<HTMLInputElement>('#filter-class-words', (e) => (e.checked = filters.showClassWords));
}

export function renderFilters(container: HTMLElement, input: FilterInputs, current: () => Filters, onChange: (filters: Filters) => void): void {
  clear(container);
  const s = t();
  const { filters } = input;

  const articleSelect = el('select', { attrs: { id: 'filter-article' } }, el('option', { attrs: { value: '' } }, s.allArticles));
  for (const article of input.articles) {
    const option = el('option', { attrs: { value: article.id } }, article.title || article.id);
    articleSelect.append(option);
  }
  articleSelect.value = filters.article ?? '';
  articleSelect.addEventListener('change', () => onChange({ ...current(), article: articleSelect.value || null }));

  const dateInput = (id: string, value: string | null, apply: (v: string | null) => Filters) => {
    const input = el('input', { attrs: { type: 'date', id } });
    input.value = value ?? '';
    input.addEventListener('change', () => onChange(apply(input.value || null)));
    return input;
  };
  const from = dateInput('filter-from', filters.dateFrom, (v) => ({ ...current(), dateFrom: v }));
  const to = dateInput('filter-to', filters.dateTo, (v) => ({ ...current(), dateTo: v }));

  const min = el('input', { attrs: { type: 'number', id: 'filter-min', min: '0', step: '1' } });
  min.value = String(filters.minMentions);
  min.addEventListener('change', () => {
    const value = Math.max(0, Math.floor(Number(min.value) || 0));
    onChange({ ...current(), minMentions: value });
  });

  const minWeight = el('input', { attrs: { type: 'number', id: 'filter-min-weight', min: '0', step: '1' } });
  minWeight.value = String(filters.minCooccurrence);
  minWeight.addEventListener('change', () => {
    const value = Math.max(0, Math.floor(Number(minWeight.value) || 0));
    onChange({ ...current(), minCooccurrence: value });
  });

  // The relation checkboxes are also the edge colour legend: each carries its line's colour.
  const relations = el('fieldset', { class: 'relation-filter', attrs: { 'data-testid': 'relation-legend' } }, el('legend', {}, s.relationLegend));
  for (const type of RELATION_TYPES) {
    const total = input.relationTotals.get(type) ?? 0;
    if (total === 0) continue;
    const id = `relation-${type}`;
    const box = el('input', { attrs: { type: 'checkbox', id, 'data-relation': type } });
    box.checked = !filters.hiddenRelations.includes(type);
    box.addEventListener('change', () => {
      const filters = current();
      const hidden = new Set(filters.hiddenRelations);
      if (box.checked) hidden.delete(type);
      else hidden.add(type);
      onChange({ ...filters, hiddenRelations: RELATION_TYPES.filter((x) => hidden.has(x)) });
    });
    const line = el('span', {
      class: type === 'MENTIONED_WITH' ? 'edge-swatch thin' : 'edge-swatch',
      attrs: { style: `background:${RELATION_COLORS[type]}`, 'aria-hidden': 'true', 'data-color': RELATION_COLORS[type] },
    });
    relations.append(el('div', {}, box, el('label', { attrs: { for: id } }, line, `${s.relationTypes[type]} (${total})`)));
  }

  const isolated = el('input', { attrs: { type: 'checkbox', id: 'filter-isolated' } });
  isolated.checked = filters.hideIsolated;
  isolated.addEventListener('change', () => onChange({ ...current(), hideIsolated: isolated.checked }));

  const classWords = el('input', { attrs: { type: 'checkbox', id: 'filter-class-words' } });
  classWords.checked = filters.showClassWords;
  classWords.addEventListener('change', () => onChange({ ...current(), showClassWords: classWords.checked }));

  const reset = el('button', { attrs: { type: 'button', id: 'filter-reset' } }, s.resetFilters);
  reset.addEventListener('click', () => onChange(defaultFilters()));

  container.append(
    el('h2', {}, s.filters),
    el('label', { attrs: { for: 'filter-article' } }, s.article),
    articleSelect,
    el('div', { class: 'date-range' }, el('label', { attrs: { for: 'filter-from' } }, s.dateFrom), from, el('label', { attrs: { for: 'filter-to' } }, s.dateTo), to),
    el('label', { attrs: { for: 'filter-min' } }, s.minMentions),
    min,
    relations,
    el('label', { attrs: { for: 'filter-min-weight' } }, s.minCooccurrence),
    minWeight,
    el('div', {}, isolated, el('label', { attrs: { for: 'filter-isolated' } }, s.hideIsolated)),
    el('div', {}, classWords, el('label', { attrs: { for: 'filter-class-words' } }, s.showClassWords)),
    reset,
  );
}
