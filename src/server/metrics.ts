/**
 * Node metrics (degree, PageRank, betweenness, Louvain community) for
 * GET /api/metrics, computed in a worker thread so that betweenness, which grows
 * with nodes × edges, never holds up other requests, and cached per revision.
 *
 * The worker is plain JavaScript given as source (eval): it needs only graphology's
 * CommonJS packages, resolved here, so it runs the same under tsx (kg serve) and
 * vitest, neither of which would compile a TypeScript worker file for it.
 *
 * All four are computed on the undirected projection (GraphView): one edge per
 * pair of neighbours, weighted by the summed evidence; degree is the number of
 * distinct neighbours.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { MetricsResponse, NodeMetrics } from '../model/api';
import type { GraphView } from './graph-view';

const require = createRequire(import.meta.url);

interface MetricsInput {
  modules: { graphology: string; pagerank: string; betweenness: string; louvain: string };
  nodes: string[];
  /** [source index, target index, weight] */
  edges: Array<[number, number, number]>;
}

interface MetricsOutput {
  degree: number[];
  pagerank: number[];
  betweenness: number[];
  community: number[];
  communities: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { UndirectedGraph } = require(workerData.modules.graphology);
const pagerank = require(workerData.modules.pagerank);
const betweenness = require(workerData.modules.betweenness);
const louvain = require(workerData.modules.louvain);
const graph = new UndirectedGraph();
for (const node of workerData.nodes) graph.addNode(node);
for (const [s, t, w] of workerData.edges) graph.addEdge(workerData.nodes[s], workerData.nodes[t], { weight: w });
// A seeded generator: the same graph gets the same communities on every computation.
let seed = 0x2545f491;
const rng = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pr = graph.order > 0 ? pagerank(graph, { getEdgeWeight: 'weight' }) : {};
const bc = graph.order > 0 ? betweenness(graph, { normalized: true }) : {};
const detailed = graph.size > 0 ? louvain.detailed(graph, { getEdgeWeight: 'weight', rng }) : { communities: {}, count: 0 };
const nodes = workerData.nodes;
let singles = detailed.count;
// Louvain leaves isolated nodes out of its mapping when the graph has no edges: each is its own community.
const community = nodes.map((n) => (n in detailed.communities ? detailed.communities[n] : singles++));
parentPort.postMessage({
  degree: nodes.map((n) => graph.degree(n)),
  pagerank: nodes.map((n) => pr[n] ?? 0),
  betweenness: nodes.map((n) => bc[n] ?? 0),
  community,
  communities: singles,
});
`;

function runWorker(input: MetricsInput): Promise<MetricsOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    let settled = false;
    worker.once('message', (output: MetricsOutput) => {
      settled = true;
      resolve(output);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the metrics worker exited with code ${code}`));
    });
  });
}

/** Computes every node's metrics off the main thread. */
export async function computeMetrics(view: GraphView): Promise<MetricsResponse> {
  const { graph } = view.projection(false);
  const nodes = graph.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const edges = graph.mapEdges((_edge, attributes, source, target): [number, number, number] => [index.get(source)!, index.get(target)!, Number(attributes.weight) || 1]);
  const output = await runWorker({
    modules: {
      graphology: require.resolve('graphology'),
      pagerank: require.resolve('graphology-metrics/centrality/pagerank'),
      betweenness: require.resolve('graphology-metrics/centrality/betweenness'),
      louvain: require.resolve('graphology-communities-louvain'),
    },
    nodes,
    edges,
  });
  const metrics: Record<string, NodeMetrics> = {};
  nodes.forEach((node, i) => {
    metrics[node] = { degree: output.degree[i]!, pagerank: output.pagerank[i]!, betweenness: output.betweenness[i]!, community: output.community[i]! };
  });
  return { revision: view.summary.revision, nodes: metrics, communities: output.communities };
}
