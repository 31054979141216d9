/**
 * Changing the graph: POST /api/articles (a job: extraction runs on the server),
 * GET /api/jobs/:id, DELETE /api/articles/:id, POST /api/merge, POST /api/split.
 * Each change is one store transaction, as the same `kg` command makes it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseArticle } from '../ingest/parse';
import type { AddArticleRequest, JobResponse, MergeResponse, RemoveArticleResponse, SplitResponse } from '../model/api';
import type { ParsedArticle } from '../model/article';
import type { ServerContext } from './context';
import { HttpError, parseOr400 } from './errors';

/**
 * The largest request body POST /api/articles takes: an article of about 5 MB of
 * text as JSON (escapes add a little) or as a raw upload. Every other request's
 * body is small (ids and aliases): DEFAULT_BODY_LIMIT.
 */
export const ARTICLE_BODY_LIMIT = 6 * 1024 * 1024;
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Raw uploads: the file's bytes, decoded as `kg ingest` decodes a file (UTF-8, else Windows-1251, binary refused). */
export const RAW_ARTICLE_TYPES = ['text/plain', 'text/markdown', 'application/octet-stream'];

const AddArticleSchema = z.strictObject({
  text: z.string().min(1),
  title: z.string().max(500).optional(),
  published: z.string().max(100).optional(),
  source: z.strictObject({ name: z.string().max(500), url: z.string().max(2000) }).optional(),
  file: z.string().max(500).optional(),
}) satisfies z.ZodType<AddArticleRequest>;

const UploadQuery = z.object({ file: z.string().min(1).max(500).optional() });
const MergeSchema = z.strictObject({ keep: z.string().min(1), absorb: z.string().min(1) });
const SplitSchema = z.strictObject({ id: z.string().min(1), aliases: z.array(z.string().min(1)).min(1).max(1000) });
const IdParams = z.object({ id: z.string().min(1).max(1000) });

/** The article a request gives, parsed as `kg ingest` parses a file; the request's metadata wins over the header's. */
function articleOf(body: unknown, query: unknown): ParsedArticle {
  if (Buffer.isBuffer(body)) {
    const { file } = parseOr400(UploadQuery, query, 'query');
    return parseArticle(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { file: file ?? 'uploaded file' });
  }
  const request = parseOr400(AddArticleSchema, body, 'article');
  const article = parseArticle(request.text, { file: request.file ?? 'pasted text' });
  if (request.file === undefined) delete article.file;
  if (request.title !== undefined && request.title.trim() !== '') article.title = request.title.trim();
  if (request.published !== undefined) article.published = request.published;
  if (request.source !== undefined) article.source = request.source;
  return article;
}

export function registerWriteRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.addContentTypeParser(RAW_ARTICLE_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/api/articles', { bodyLimit: ARTICLE_BODY_LIMIT }, async (request, reply): Promise<JobResponse> => {
    if (request.body === undefined || request.body === null) throw new HttpError(400, 'send the article: JSON { "text": ... } or the file itself as text/plain');
    const article = articleOf(request.body, request.query);
    const job = ctx.jobs.submit(article);
    void reply.status(202).header('Location', `/api/jobs/${job.id}`);
    return job;
  });

  app.get('/api/jobs/:id', async (request): Promise<JobResponse> => {
    const { id } = parseOr400(IdParams, request.params, 'job id');
    const job = ctx.jobs.get(id);
    if (!job) throw new HttpError(404, `no job ${JSON.stringify(id)} (jobs are kept while the server runs)`);
    return job;
  });

  app.delete('/api/articles/:id', async (request): Promise<RemoveArticleResponse> => {
    const { id } = parseOr400(IdParams, request.params, 'article id');
    return ctx.store.removeArticle(id);
  });

  app.post('/api/merge', async (request): Promise<MergeResponse> => {
    const { keep, absorb } = parseOr400(MergeSchema, request.body, 'merge');
    await ctx.store.mergeNodes(keep, absorb);
    return { id: keep };
  });

  app.post('/api/split', async (request): Promise<SplitResponse> => {
    const { id, aliases } = parseOr400(SplitSchema, request.body, 'split');
    return { id: await ctx.store.splitNode(id, aliases) };
  });
}
