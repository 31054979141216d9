/**
 * The page's side of kg serve's API (src/model/api.ts). URLs are relative, so the
 * explorer works under any base path. Reads are cached in memory per revision:
 * a new summary (another revision) empties the cache.
 */
import type { AddArticleRequest, ApiError, ArticleResponse, EdgeResponse, EntityResponse, JobResponse, MetricsResponse, RemoveArticleResponse, SearchResponse } from '../../model/api';

/** A failed request; `message` is the server's own (`{error}`) when it gave one, fit to show. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw new ApiRequestError(`${url}: ${(err as Error).message}`, 0);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's or static host's page; the status says enough.
  }
  if (!response.ok) throw new ApiRequestError(isApiError(body) ? body.error : `${url}: HTTP ${response.status}`, response.status);
  if (body === null) throw new ApiRequestError(`${url}: the answer is not JSON`, response.status);
  return body as T;
}

let cacheRevision: string | null = null;
const cache = new Map<string, Promise<unknown>>();

/** A new revision makes every cached answer stale. */
export function useRevision(revision: string): void {
  if (revision === cacheRevision) return;
  cacheRevision = revision;
  cache.clear();
}

function cached<T>(url: string): Promise<T> {
  let answer = cache.get(url) as Promise<T> | undefined;
  if (!answer) {
    answer = requestJson<T>(url);
    cache.set(url, answer);
    // A failure is not remembered: asking again may succeed.
    answer.catch(() => cache.delete(url));
  }
  return answer;
}

const id = (value: string) => encodeURIComponent(value);

export const EVIDENCE_PAGE = 50;

export function fetchEntity(node: string, offset = 0, limit = EVIDENCE_PAGE): Promise<EntityResponse> {
  return cached(`api/entities/${id(node)}?offset=${offset}&limit=${limit}`);
}

export function fetchEdge(edge: string, offset = 0, limit = EVIDENCE_PAGE): Promise<EdgeResponse> {
  return cached(`api/edges/${id(edge)}?offset=${offset}&limit=${limit}`);
}

export function fetchArticle(article: string): Promise<ArticleResponse> {
  return cached(`api/articles/${id(article)}`);
}

/** The server's search (its own index over every name and form), so the page's thread never scores thousands of entities. */
export function searchEntities(query: string, limit = 12): Promise<SearchResponse> {
  return cached(`api/search?q=${encodeURIComponent(query)}&limit=${limit}`);
}

export function fetchMetrics(): Promise<MetricsResponse> {
  return cached('api/metrics');
}

const jsonInit = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export function postArticle(request: AddArticleRequest): Promise<JobResponse> {
  return requestJson('api/articles', jsonInit('POST', request));
}

export function fetchJob(job: string): Promise<JobResponse> {
  return requestJson(`api/jobs/${id(job)}`, { cache: 'no-store' });
}

export function deleteArticle(article: string): Promise<RemoveArticleResponse> {
  return requestJson(`api/articles/${id(article)}`, { method: 'DELETE' });
}

/** A file's bytes as they are: the server decodes them as `kg ingest` does (UTF-8, else Windows-1251). */
export function postArticleFile(name: string, bytes: Uint8Array): Promise<JobResponse> {
  return requestJson(`api/articles?file=${id(name)}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes as Uint8Array<ArrayBuffer> });
}
