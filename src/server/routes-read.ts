/**
 * Reading the graph: GET /api/summary, /api/entities/:id, /api/edges/:id,
 * /api/articles/:id, /api/search, and /graph-data/graph.json (the whole export,
 * for the page until it reads the summary).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ArticleResponse, EdgeResponse, EntityResponse, SearchResponse } from '../model/api';
import { readArticle, readEdgeEvidence, readEntityEvidence } from '../store/read-model';
import type { ServerContext } from './context';
import { HttpError, parseOr400 } from './errors';

/** Evidence a page may ask for at once: enough for a panel, never the whole of a much-mentioned entity. */
export const MAX_EVIDENCE_PAGE = 200;
export const MAX_SEARCH_HITS = 100;

const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVIDENCE_PAGE).default(50),
});

const SearchQuery = z.object({
  q: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_HITS).default(20),
});

const IdParams = z.object({ id: z.string().min(1).max(1000) });

/** Sends a JSON text already serialised once per revision, with the revision as its ETag. */
function sendCachedJson(request: FastifyRequest, reply: FastifyReply, revision: string, json: string): FastifyReply {
  const etag = `"r${revision}"`;
  reply.header('ETag', etag).header('Cache-Control', 'no-cache');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

export function registerReadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/summary', async (request, reply) => {
    const bundle = await ctx.summary.get();
    return sendCachedJson(request, reply, bundle.summary.revision, bundle.json);
  });

  app.get('/api/entities/:id', async (request): Promise<EntityResponse> => {
    const { id } = parseOr400(IdParams, request.params, 'entity id');
    const { offset, limit } = parseOr400(PageQuery, request.query, 'query');
    const node = (await ctx.summary.get()).nodes.get(id);
    if (!node) throw new HttpError(404, `no entity with id ${JSON.stringify(id)} in the graph`);
    const page = await ctx.store.read((db) => readEntityEvidence(db, id, offset, limit));
    return { node, evidence: page.evidence, total: page.total, offset };
  });

  app.get('/api/edges/:id', async (request): Promise<EdgeResponse> => {
    const { id } = parseOr400(IdParams, request.params, 'edge id');
    const { offset, limit } = parseOr400(PageQuery, request.query, 'query');
    const edge = (await ctx.summary.get()).edges.get(id);
    if (!edge) throw new HttpError(404, `no relation with id ${JSON.stringify(id)} in the graph`);
    const page = await ctx.store.read((db) => readEdgeEvidence(db, id, offset, limit));
    return { edge, evidence: page.evidence, total: page.total, offset };
  });

  app.get('/api/articles/:id', async (request): Promise<ArticleResponse> => {
    const { id } = parseOr400(IdParams, request.params, 'article id');
    const found = await ctx.store.read((db) => readArticle(db, id));
    if (!found) throw new HttpError(404, `no article with id ${JSON.stringify(id)} in the graph`);
    return found;
  });

  app.get('/api/search', async (request): Promise<SearchResponse> => {
    const { q, limit } = parseOr400(SearchQuery, request.query, 'query');
    return (await ctx.summary.get()).search.search(q, limit);
  });

  app.get('/graph-data/graph.json', async (request, reply) => {
    const file = await ctx.graphFile.get();
    return sendCachedJson(request, reply, file.revision, file.text);
  });
}
