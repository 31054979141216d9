/**
 * The "add articles" panel: paste text or choose/drop .md/.txt files; shows the
 * extraction's progress and the articles added in this browser, each removable.
 * Loaded lazily, after the first frame.
 */
import { CHUNK_CHARS, CHUNK_THRESHOLD_CHARS, splitIntoChunks } from '../articles/chunks';
import { ApiArticleManager, type ArticleManagerLike } from '../articles/api-manager';
import { ArticleManager, MAX_ARTICLE_CHARS, MAX_ARTICLE_FILE_BYTES } from '../articles/manager';
import { isApiSource } from '../data/source';
import type { Explorer } from '../explorer';
import { t } from '../i18n';
import { append, byId, clear, el } from './dom';
import { onArticleFiles } from './drop';

export async function mountArticlePanel(explorer: Explorer): Promise<ArticleManagerLike> {
  // Served by kg serve, the server extracts and stores articles; otherwise this browser does.
  const manager: ArticleManagerLike = isApiSource() ? new ApiArticleManager(explorer) : new ArticleManager(explorer);
  const panel = byId('add-panel');
  const toggle = byId('toggle-add');
  const status = el('p', { class: 'progress', attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': 'add-status' } });
  let busy = Promise.resolve();
  /** The pasted text survives re-renders and failed attempts; cleared once it was added. */
  let draft = '';
  /** Articles (or parts of a large paste) queued or under way; Cancel shows while there are any. */
  let queued = 0;
  /** Each enqueue gets a number; Cancel drops every one up to the last number given out. */
  let lastTicket = 0;
  let cancelledUpTo = 0;
  const cancel = el('button', { attrs: { type: 'button', id: 'article-cancel' } });
  cancel.hidden = true;
  cancel.addEventListener('click', () => {
    cancelledUpTo = lastTicket;
    manager.cancel();
    report(t().cancelled);
  });

  const report = (message: string) => {
    status.textContent = message;
  };

  /** Articles are processed one after another; the worker keeps the dictionaries between them. */
  const enqueue = (name: string, read: () => Promise<string | Uint8Array>, onAdded?: () => void) => {
    const ticket = ++lastTicket;
    queued++;
    cancel.hidden = false;
    // Immediate feedback; the worker's progress replaces it.
    report(t().extracting(name, t().stageParsing));
    busy = busy.then(async () => {
      try {
        if (ticket > cancelledUpTo) {
          await manager.add(name, await read(), report);
          onAdded?.();
        }
      } catch (err) {
        report(ticket <= cancelledUpTo ? t().cancelled : (err as Error).message);
      } finally {
        queued--;
      }
      render();
      // Let the page draw and answer between parts of a large paste.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    return busy;
  };

  /** A large paste goes in parts (articles/chunks.ts), each one an article of its own. */
  const enqueuePasted = (text: string) => {
    const s = t();
    const clearDraft = () => {
      draft = '';
    };
    if (text.length <= CHUNK_THRESHOLD_CHARS || text.length > MAX_ARTICLE_CHARS) {
      // Small enough for one article, or refused by the manager with the size message.
      void enqueue(s.pastedName, async () => text, clearDraft);
      return;
    }
    const parts = splitIntoChunks(text);
    parts.forEach((part, i) => void enqueue(s.pastedPart(i + 1, parts.length), async () => part, i === parts.length - 1 ? clearDraft : undefined));
  };

  const render = () => {
    const s = t();
    clear(panel);
    const textarea = el('textarea', { attrs: { id: 'article-text', spellcheck: 'false' } });
    textarea.value = draft;
    textarea.addEventListener('input', () => {
      draft = textarea.value;
    });
    // Refuse an oversized paste before the browser inserts it (a 20 MB paste would freeze the tab).
    textarea.addEventListener('paste', (event) => {
      const pasted = event.clipboardData?.getData('text/plain') ?? '';
      if (pasted.length + textarea.value.length > MAX_ARTICLE_CHARS) {
        event.preventDefault();
        report(s.tooLarge(((pasted.length + textarea.value.length) / 1e6).toFixed(1)));
      }
    });
    const files = el('input', { attrs: { type: 'file', id: 'article-files', accept: '.md,.txt,text/plain,text/markdown', multiple: '' } });
    files.addEventListener('change', () => {
      handleArticleFiles([...(files.files ?? [])]);
      files.value = '';
    });
    const add = el('button', { attrs: { type: 'button', id: 'article-add' } }, s.addButton);
    add.addEventListener('click', () => enqueuePasted(textarea.value));
    cancel.textContent = s.cancel;
    cancel.hidden = queued === 0;
    const list = el(
      'ul',
      { attrs: { 'data-testid': 'added-articles' } },
      ...manager.stored.map((record) =>
        el(
          'li',
          { attrs: { 'data-article': record.id } },
          `${record.article.title || record.name} `,
          el(
            'button',
            {
              attrs: { type: 'button', 'data-testid': 'remove-article', 'aria-label': `${s.remove}: ${record.article.title || record.name}` },
              on: { click: () => void manager.remove(record.id).then(render, (err: Error) => report(err.message)) },
            },
            s.remove,
          ),
        ),
      ),
    );
    append(
      panel,
      el('h2', {}, s.addArticles),
      el('p', { class: 'muted' }, s.addHint),
      el('label', { attrs: { for: 'article-text' } }, s.pasteLabel),
      textarea,
      el('div', { class: 'button-row' }, add, cancel, el('label', { attrs: { for: 'article-files' } }, s.chooseFiles), files),
      el('p', { class: 'muted' }, s.addedInParts(CHUNK_THRESHOLD_CHARS.toLocaleString(), CHUNK_CHARS.toLocaleString())),
      status,
      manager.stored.length ? el('h3', {}, s.addedArticles) : null,
      list,
    );
  };

  const handleArticleFiles = (dropped: File[]) => {
    for (const file of dropped) {
      if (file.size > MAX_ARTICLE_FILE_BYTES) {
        report(t().fileTooLarge(file.name, (file.size / 1e6).toFixed(1)));
        continue;
      }
      // The bytes go to the worker's parser, which decodes them as the CLI does (UTF-8 or Windows-1251).
      void enqueue(file.name, async () => new Uint8Array(await file.arrayBuffer()));
    }
    openPanel(true);
  };
  onArticleFiles(handleArticleFiles);

  const openPanel = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      document.getElementById('article-text')?.focus();
      // The panel covers the canvas's right side: bring the graph into the part left uncovered.
      void explorer.fitVisible();
    }
  };
  toggle.addEventListener('click', () => openPanel(panel.hidden));
  explorer.onGraphReplaced(() => void manager.rebase().then(render));
  explorer.onLanguageChange(render);

  await manager.restore();
  render();
  return manager;
}
