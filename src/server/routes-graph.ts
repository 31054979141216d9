/** Questions about the graph's shape: GET /api/neighbourhood/:id, /api/path, /api/metrics. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MetricsResponse, NeighbourhoodResponse, PathResponse } from '../model/api';
import type { ServerContext } from './context';
import { HttpError, parseOr400 } from './errors';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const NeighbourhoodQuery = z.object({ hops: z.enum(['1', '2']).default('1').transform(Number) });
const PathQuery = z.object({ from: z.string().min(1).max(1000), to: z.string().min(1).max(1000), typed: flag, avoidHubs: flag });

export function registerGraphRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/neighbourhood/:id', async (request): Promise<NeighbourhoodResponse> => {
    const { id } = parseOr400(z.object({ id: z.string().min(1) }), request.params, 'entity id');
    const { hops } = parseOr400(NeighbourhoodQuery, request.query, 'query');
    const { view } = await ctx.summary.get();
    if (!view.hasNode(id)) throw new HttpError(404, `no entity with id ${JSON.stringify(id)} in the graph`);
    return view.neighbourhood(id, hops as 1 | 2);
  });

  app.get('/api/path', async (request): Promise<PathResponse> => {
    const { from, to, typed, avoidHubs } = parseOr400(PathQuery, request.query, 'query');
    const bundle = await ctx.summary.get();
    for (const id of [from, to]) if (!bundle.view.hasNode(id)) throw new HttpError(404, `no entity with id ${JSON.stringify(id)} in the graph`);
    const path = bundle.view.path(from, to, { typed, avoidHubs });
    if (!path) {
      const rules = [typed ? 'typed relations only' : '', avoidHubs ? 'avoiding hubs' : ''].filter(Boolean).join(', ');
      const label = (id: string) => bundle.nodes.get(id)?.label ?? id;
      // Class words are never a step (everything is one hop from "наркотики"): say when one is all that links them.
      const through = bundle.view.classWordsOnlyPath(from, to, { typed, avoidHubs });
      const why = through.length > 0 ? `; they are linked only through the class word${through.length > 1 ? 's' : ''} ${through.map((id) => `«${label(id)}»`).join(', ')}, which paths never pass through` : '';
      throw new HttpError(404, `no path between ${label(from)} and ${label(to)}${rules ? ` (${rules})` : ''}${why}`);
    }
    return path;
  });

  app.get('/api/metrics', async (): Promise<MetricsResponse> => ctx.metrics.get());
}
