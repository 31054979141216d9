/**
 * The page's side of the metrics worker: one computation at a time, its result
 * cached until the graph changes (`invalidate`). A result computed for an older
 * graph is dropped.
 */
import type { KnowledgeGraph } from '../data/graph-io';
import type { MetricsRequest, MetricsResponse } from '../workers/metrics.worker';
import type { Metrics } from './metrics';

export type MetricsStatus = 'idle' | 'computing' | 'ready' | 'failed';

export class MetricsClient {
  private worker: Worker | null = null;
  private generation = 0;
  private cached: Metrics | null = null;
  /** The generation the worker is computing for, if any (one request at a time). */
  private inFlight: number | null = null;
  /** Metrics were asked for while the worker was busy with an older graph. */
  private wanted = false;
  private failed = false;

  constructor(
    private readonly graph: KnowledgeGraph,
    /** Called when fresh metrics arrived (the page re-renders). */
    private readonly onReady: () => void,
  ) {}

  /** The metrics of the current graph, or null (then `request` starts them). */
  get(): Metrics | null {
    return this.cached;
  }

  status(): MetricsStatus {
    if (this.cached) return 'ready';
    if (this.wanted || this.inFlight !== null) return 'computing';
    return this.failed ? 'failed' : 'idle';
  }

  /** Metrics computed elsewhere (kg serve) for the graph as it is now: used until it changes. */
  provide(metrics: Metrics): void {
    this.cached = metrics;
    this.failed = false;
    this.wanted = false;
  }

  /** The graph changed: forget the cached result; a running computation's answer will be ignored. */
  invalidate(): void {
    this.generation++;
    this.cached = null;
    this.failed = false;
  }

  /** Starts computing unless a result or a computation for the current graph exists. */
  request(): void {
    if (this.cached || this.inFlight === this.generation) return;
    if (this.inFlight !== null) {
      this.wanted = true;
      return;
    }
    this.wanted = false;
    const generation = this.generation;
    this.inFlight = generation;
    const nodes = this.graph.nodes();
    const index = new Map(nodes.map((node, i) => [node, i]));
    const edges = new Float64Array(this.graph.size * 3);
    let i = 0;
    this.graph.forEachEdge((_edge, attrs, source, target) => {
      edges[i++] = index.get(source)!;
      edges[i++] = index.get(target)!;
      edges[i++] = attrs.weight;
    });
    const request: MetricsRequest = { generation, nodes, edges };
    this.ensureWorker().postMessage(request, [edges.buffer]);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../workers/metrics.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<MetricsResponse>) => {
      const data = event.data;
      this.inFlight = null;
      if (data.generation !== this.generation) {
        // The graph changed meanwhile: compute again for the current one if someone was waiting.
        if (this.wanted) this.request();
        return;
      }
      this.cached = {
        degree: new Map(data.degree),
        pagerank: new Map(data.pagerank),
        community: new Map(data.community),
        communityCount: data.communityCount,
        betweenness: data.betweenness ? new Map(data.betweenness) : null,
      };
      this.onReady();
    });
    worker.addEventListener('error', () => {
      this.inFlight = null;
      this.wanted = false;
      this.failed = true;
      this.worker?.terminate();
      this.worker = null;
      this.onReady();
    });
    this.worker = worker;
    return worker;
  }
}
