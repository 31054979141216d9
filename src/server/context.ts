/**
 * What the routes share: the store, and what is derived from it once per
 * revision (the summary and its JSON, lookups by id, the graph view, the search
 * index, metrics, the graph file export).
 */
import { toWire } from '../model/summary-wire';
import { serializeGraphFile } from '../graph/serialize';
import type { MetricsResponse, SummaryEdge, SummaryNode, Summary } from '../model/api';
import { readSummary } from '../store/read-model';
import type { SqlGraphStore } from '../store/sql-store';
import { GraphView } from './graph-view';
import type { Extract } from '../node/extraction-thread';
import { JobQueue } from './jobs';
import { computeMetrics } from './metrics';
import { RevisionCache } from './revision-cache';
import { EntitySearch } from './search';

/** The summary of one revision and what is built from it, each on first use. */
export class SummaryBundle {
  readonly json: string;
  readonly nodes: Map<string, SummaryNode>;
  readonly edges: Map<string, SummaryEdge>;
  private viewCache?: GraphView;
  private searchCache?: EntitySearch;

  constructor(readonly summary: Summary) {
    this.json = JSON.stringify(toWire(summary));
    this.nodes = new Map(summary.nodes.map((n) => [n.id, n]));
    this.edges = new Map(summary.edges.map((e) => [e.id, e]));
  }

  get view(): GraphView {
    this.viewCache ??= new GraphView(this.summary);
    return this.viewCache;
  }

  get search(): EntitySearch {
    this.searchCache ??= new EntitySearch(this.summary);
    return this.searchCache;
  }
}

export class ServerContext {
  readonly summary: RevisionCache<SummaryBundle>;
  readonly metrics: RevisionCache<MetricsResponse>;
  /** The graph file as `kg export` writes it (what the page loaded before /api/summary). */
  readonly graphFile: RevisionCache<{ revision: string; text: string }>;
  readonly jobs: JobQueue;
  /** How many times metrics were computed (each is a worker run): for tests and the log. */
  metricsComputations = 0;

  constructor(
    readonly store: SqlGraphStore,
    extract: Extract,
  ) {
    const revision = () => store.revision();
    this.summary = new RevisionCache(revision, async () => new SummaryBundle(await store.read(readSummary)));
    this.metrics = new RevisionCache(revision, async () => {
      const bundle = await this.summary.get();
      this.metricsComputations++;
      return computeMetrics(bundle.view);
    });
    this.graphFile = new RevisionCache(revision, async (rev) => ({ revision: rev, text: serializeGraphFile(await store.exportFile()) }));
    this.jobs = new JobQueue(store, extract);
  }
}
