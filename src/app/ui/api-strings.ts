/**
 * Strings for what the page shows only when kg serve's API is behind it
 * (loading states, jobs). Kept apart from i18n.ts so that module stays the
 * file-mode page's vocabulary; the language is i18n's.
 */
import type { JobResponse } from '../../model/api';
import { lang } from '../i18n';

const en = {
  loading: 'loading…',
  loadFailed: (message: string) => `Could not load: ${message}`,
  showMore: (shown: number, total: number) => `Show more (${shown} of ${total})`,
  readArticle: 'Read the article',
  hideArticle: 'Hide the article',
  jobState: (name: string, state: JobResponse['state'], progress: number) =>
    `${name}: ${{ queued: 'waiting in the queue', extracting: 'extracting on the server', writing: 'writing to the graph', done: 'done', failed: 'failed' }[state]}${state === 'extracting' ? ` (${Math.round(progress * 100)}%)` : ''}…`,
  jobFailed: (name: string, message: string) => `${name}: ${message}`,
  removed: (entities: number) => `Article removed (${entities} entities with it)`,
  unknownLink: (message: string) => `The link names something not in the graph: ${message}`,
};

const ru: typeof en = {
  loading: 'загрузка…',
  loadFailed: (message) => `Не удалось загрузить: ${message}`,
  showMore: (shown, total) => `Показать ещё (${shown} из ${total})`,
  readArticle: 'Читать статью',
  hideArticle: 'Скрыть статью',
  jobState: (name, state, progress) =>
    `${name}: ${{ queued: 'в очереди', extracting: 'извлечение на сервере', writing: 'запись в граф', done: 'готово', failed: 'ошибка' }[state]}${state === 'extracting' ? ` (${Math.round(progress * 100)}%)` : ''}…`,
  jobFailed: (name, message) => `${name}: ${message}`,
  removed: (entities) => `Статья удалена (вместе с ней сущностей: ${entities})`,
  unknownLink: (message) => `Ссылка указывает на то, чего нет в графе: ${message}`,
};

export function apiStrings(): typeof en {
  return lang() === 'ru' ? ru : en;
}
