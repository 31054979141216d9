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

export function renderLegend(container: HTMLElement, input: FilterInputs, onChange: (filters: Filters) => void): void {
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

export function renderFilters(container: HTMLElement, input: FilterInputs, onChange: (filters: Filters) => void): void {
  clear(container);
  const s = t();
  const { filters } = input;

  const articleSelect = el('select', { attrs: { id: 'filter-article' } }, el('option', { attrs: { value: '' } }, s.allArticles));
  for (const article of input.articles) {
    const option = el('option', { attrs: { value: article.id } }, article.title || article.id);
    articleSelect.append(option);
  }
  articleSelect.value = filters.article ?? '';
  articleSelect.addEventListener('change', () => onChange({ ...filters, article: articleSelect.value || null }));

  const dateInput = (id: string, value: string | null, apply: (v: string | null) => Filters) => {
    const input = el('input', { attrs: { type: 'date', id } });
    input.value = value ?? '';
    input.addEventListener('change', () => onChange(apply(input.value || null)));
    return input;
  };
  const from = dateInput('filter-from', filters.dateFrom, (v) => ({ ...filters, dateFrom: v }));
  const to = dateInput('filter-to', filters.dateTo, (v) => ({ ...filters, dateTo: v }));

  const min = el('input', { attrs: { type: 'number', id: 'filter-min', min: '0', step: '1' } });
  min.value = String(filters.minMentions);
  min.addEventListener('change', () => {
    const value = Math.max(0, Math.floor(Number(min.value) || 0));
    onChange({ ...filters, minMentions: value });
  });

  const minWeight = el('input', { attrs: { type: 'number', id: 'filter-min-weight', min: '0', step: '1' } });
  minWeight.value = String(filters.minCooccurrence);
  minWeight.addEventListener('change', () => {
    const value = Math.max(0, Math.floor(Number(minWeight.value) || 0));
    onChange({ ...filters, minCooccurrence: value });
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
  isolated.addEventListener('change', () => onChange({ ...filters, hideIsolated: isolated.checked }));

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
    reset,
  );
}
