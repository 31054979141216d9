/**
 * Interface strings in Russian and English. The choice is remembered in
 * localStorage; the default follows the browser's language.
 */
import type { EntityType, RelationType } from '../model/vocabulary';

const en = {
  appTitle: 'News entity explorer',
  searchPlaceholder: 'Search entities (/)',
  searchLabel: 'Search entities',
  noResults: 'Nothing found',
  legend: 'Entity types',
  filters: 'Filters',
  article: 'Article',
  allArticles: 'All articles',
  dateFrom: 'From',
  dateTo: 'To',
  minMentions: 'Min. mentions',
  relations: 'Relation types',
  hideIsolated: 'Hide isolated nodes',
  resetFilters: 'Reset filters',
  visible: (nodes: number, total: number, edges: number, totalEdges: number) =>
    `${nodes} of ${total} entities, ${edges} of ${totalEdges} relations visible`,
  download: 'Export',
  downloadJson: 'Graph JSON',
  downloadGexf: 'GEXF',
  downloadPng: 'PNG image',
  close: 'Close',
  back: 'Back',
  forward: 'Forward',
  type: 'Type',
  aliases: 'Also written as',
  evidence: 'Evidence',
  neighbours: 'Relations',
  possibleSameAs: 'Possibly the same as',
  metrics: 'Metrics',
  degree: 'Degree',
  pagerank: 'PageRank',
  betweenness: 'Betweenness',
  community: 'Community',
  mentionsLabel: 'Mentions',
  noEvidence: 'No evidence recorded',
  focus1: 'Focus: 1 hop',
  focus2: 'Focus: 2 hops',
  clearFocus: 'Show all',
  focusOn: (label: string, hops: number) => `Focus on ${label}, ${hops} hop${hops > 1 ? 's' : ''}`,
  pathFrom: 'Path from here',
  pathTo: 'Path to…',
  path: 'Shortest path',
  pathNone: 'No path between these entities',
  pathPick: 'Pick the other end: search or click a node',
  clearPath: 'Clear path',
  layout: 'Layout',
  layoutStart: 'Run ForceAtlas2',
  layoutStop: 'Stop layout',
  noverlap: 'Remove overlaps',
  colorBy: 'Colour by',
  sizeBy: 'Size by',
  byType: 'type',
  byCommunity: 'community',
  byMentions: 'mentions',
  byDegree: 'degree',
  byPagerank: 'PageRank',
  addArticles: 'Add articles',
  addHint: 'Paste an article (Markdown or plain text) or drop .md/.txt files here.',
  pasteLabel: 'Article text',
  addButton: 'Extract and add',
  addedArticles: 'Added in this browser',
  remove: 'Remove',
  extracting: (name: string, stage: string) => `${name}: ${stage}`,
  stageLoading: 'loading dictionaries…',
  stageParsing: 'parsing…',
  stageExtracting: 'extracting entities…',
  added: (nodes: number, edges: number, merged = 0) =>
    `Added ${nodes} new entities and ${edges} new relations${merged ? `; ${merged} entities merged into others` : ''}`,
  alreadyAdded: 'already in the graph',
  chooseFiles: 'Choose .md/.txt files',
  pastedName: 'pasted text',
  tooLarge: (mb: string) => `The text is too large (${mb} MB); the limit is 5 MB per article.`,
  emptyText: 'The text is empty.',
  fileTooLarge: (name: string, mb: string) => `${name} is too large (${mb} MB); the limit is 20 MB per file.`,
  workerFailed: (detail: string) => `Extraction stopped: the extraction worker failed (${detail}). Try again; the worker is restarted.`,
  workerStalled: (seconds: number) =>
    `Extraction stopped: the extraction worker gave no sign of progress for ${seconds} s and was restarted. Try again.`,
  unsupportedFile: (name: string) => `${name}: only .md and .txt articles or a graph .json file can be dropped here.`,
  graphRefused: (message: string) => `File refused, the current graph is kept: ${message}`,
  graphLoaded: (name: string) => `Loaded ${name}`,
  noGraph: 'No graph yet: build one with the CLI or add an article.',
  graphLoadFailed: (message: string) => `The graph could not be loaded: ${message}`,
  listView: 'List view',
  listCaption: 'Visible entities, sorted by mentions',
  name: 'Name',
  language: 'Язык: русский',
  published: 'published',
  source: 'source',
  newBadge: 'new',
  undirected: '↔',
  outgoing: '→',
  incoming: '←',
  entityTypes: {
    PERSON: 'Person',
    ORGANIZATION: 'Organisation',
    LOCATION: 'Location',
    DRUG: 'Drug',
    CHANNEL: 'Channel',
    MONEY: 'Money',
    QUANTITY: 'Quantity',
    DATE: 'Date',
  } satisfies Record<EntityType, string>,
  relationTypes: {
    HOLDS_POSITION: 'holds position',
    PART_OF: 'part of',
    LOCATED_IN: 'located in',
    COOPERATES_WITH: 'cooperates with',
    SENT_REQUEST_TO: 'sent request to',
    STATED: 'stated',
    SEIZED: 'seized',
    DISTRIBUTED_VIA: 'distributed via',
    MENTIONED_WITH: 'mentioned with',
  } satisfies Record<RelationType, string>,
};

export type Strings = typeof en;

const ru: Strings = {
  appTitle: 'Обозреватель сущностей в новостях',
  searchPlaceholder: 'Поиск сущностей (/)',
  searchLabel: 'Поиск сущностей',
  noResults: 'Ничего не найдено',
  legend: 'Типы сущностей',
  filters: 'Фильтры',
  article: 'Статья',
  allArticles: 'Все статьи',
  dateFrom: 'С',
  dateTo: 'По',
  minMentions: 'Мин. упоминаний',
  relations: 'Типы связей',
  hideIsolated: 'Скрыть изолированные',
  resetFilters: 'Сбросить фильтры',
  visible: (nodes, total, edges, totalEdges) => `Видно сущностей: ${nodes} из ${total}, связей: ${edges} из ${totalEdges}`,
  download: 'Экспорт',
  downloadJson: 'Граф JSON',
  downloadGexf: 'GEXF',
  downloadPng: 'Изображение PNG',
  close: 'Закрыть',
  back: 'Назад',
  forward: 'Вперёд',
  type: 'Тип',
  aliases: 'Варианты написания',
  evidence: 'Упоминания',
  neighbours: 'Связи',
  possibleSameAs: 'Возможно, то же самое, что',
  metrics: 'Метрики',
  degree: 'Степень',
  pagerank: 'PageRank',
  betweenness: 'Посредничество',
  community: 'Сообщество',
  mentionsLabel: 'Упоминаний',
  noEvidence: 'Упоминаний не записано',
  focus1: 'Фокус: 1 шаг',
  focus2: 'Фокус: 2 шага',
  clearFocus: 'Показать всё',
  focusOn: (label, hops) => `Фокус на «${label}», шагов: ${hops}`,
  pathFrom: 'Путь отсюда',
  pathTo: 'Путь до…',
  path: 'Кратчайший путь',
  pathNone: 'Между этими сущностями нет пути',
  pathPick: 'Выберите второй конец: поиском или щелчком по узлу',
  clearPath: 'Убрать путь',
  layout: 'Укладка',
  layoutStart: 'Запустить ForceAtlas2',
  layoutStop: 'Остановить укладку',
  noverlap: 'Убрать наложения',
  colorBy: 'Цвет',
  sizeBy: 'Размер',
  byType: 'по типу',
  byCommunity: 'по сообществу',
  byMentions: 'по упоминаниям',
  byDegree: 'по степени',
  byPagerank: 'по PageRank',
  addArticles: 'Добавить статьи',
  addHint: 'Вставьте статью (Markdown или простой текст) или перетащите сюда файлы .md/.txt.',
  pasteLabel: 'Текст статьи',
  addButton: 'Извлечь и добавить',
  addedArticles: 'Добавлены в этом браузере',
  remove: 'Удалить',
  extracting: (name, stage) => `${name}: ${stage}`,
  stageLoading: 'загрузка словарей…',
  stageParsing: 'разбор…',
  stageExtracting: 'извлечение сущностей…',
  added: (nodes, edges, merged = 0) => `Добавлено новых сущностей: ${nodes}, связей: ${edges}${merged ? `; объединено с другими: ${merged}` : ''}`,
  alreadyAdded: 'уже в графе',
  chooseFiles: 'Выбрать файлы .md/.txt',
  pastedName: 'вставленный текст',
  tooLarge: (mb) => `Текст слишком большой (${mb} МБ); предел — 5 МБ на статью.`,
  emptyText: 'Текст пуст.',
  fileTooLarge: (name, mb) => `${name}: файл слишком большой (${mb} МБ); предел — 20 МБ на файл.`,
  workerFailed: (detail) => `Извлечение прервано: сбой обработчика извлечения (${detail}). Попробуйте ещё раз; обработчик перезапущен.`,
  workerStalled: (seconds) => `Извлечение прервано: обработчик извлечения не отвечал ${seconds} с и был перезапущен. Попробуйте ещё раз.`,
  unsupportedFile: (name) => `${name}: сюда можно перетащить статьи .md и .txt или файл графа .json.`,
  graphRefused: (message) => `Файл отклонён, текущий граф сохранён: ${message}`,
  graphLoaded: (name) => `Загружен ${name}`,
  noGraph: 'Графа пока нет: постройте его в командной строке или добавьте статью.',
  graphLoadFailed: (message) => `Не удалось загрузить граф: ${message}`,
  listView: 'Список',
  listCaption: 'Видимые сущности по числу упоминаний',
  name: 'Название',
  language: 'Language: English',
  published: 'опубликовано',
  source: 'источник',
  newBadge: 'новое',
  undirected: '↔',
  outgoing: '→',
  incoming: '←',
  entityTypes: {
    PERSON: 'Персона',
    ORGANIZATION: 'Организация',
    LOCATION: 'Место',
    DRUG: 'Наркотик',
    CHANNEL: 'Канал',
    MONEY: 'Деньги',
    QUANTITY: 'Количество',
    DATE: 'Дата',
  },
  relationTypes: {
    HOLDS_POSITION: 'занимает должность',
    PART_OF: 'входит в',
    LOCATED_IN: 'находится в',
    COOPERATES_WITH: 'сотрудничает с',
    SENT_REQUEST_TO: 'направил запрос',
    STATED: 'заявил',
    SEIZED: 'изъял',
    DISTRIBUTED_VIA: 'распространяется через',
    MENTIONED_WITH: 'упоминается вместе с',
  },
};

export type Lang = 'ru' | 'en';
const STORAGE_KEY = 'kg-explorer.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ru' || stored === 'en') return stored;
  } catch {
    // Storage can be disabled; fall back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function t(): Strings {
  return current === 'ru' ? ru : en;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, still switched.
  }
}
