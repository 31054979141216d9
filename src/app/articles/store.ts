/**
 * Articles added in this browser, kept in IndexedDB with their extraction, so a
 * reload restores them without downloading the dictionaries again.
 */
import type { ParsedArticle } from '../../model/article';
import type { ExtractionResult } from '../../model/extraction';

export interface StoredArticle {
  id: string;
  name: string;
  addedAt: number;
  article: ParsedArticle;
  extraction: ExtractionResult;
}

const DB_NAME = 'kg-explorer';
const STORE = 'articles';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function listStoredArticles(): Promise<StoredArticle[]> {
  const all = await run<StoredArticle[]>('readonly', (store) => store.getAll() as IDBRequest<StoredArticle[]>);
  return all.sort((a, b) => a.addedAt - b.addedAt);
}

export async function saveArticle(record: StoredArticle): Promise<void> {
  await run('readwrite', (store) => store.put(record));
}

export async function deleteStoredArticle(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}
