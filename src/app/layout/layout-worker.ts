/**
 * ForceAtlas2 in a Web Worker (graphology's supervisor), so the page stays
 * responsive while it runs, and noverlap to separate overlapping nodes.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import noverlap from 'graphology-layout-noverlap';
import type { KnowledgeGraph } from '../data/graph-io';

export type LayoutState = { kind: 'idle' } | { kind: 'running'; startedAt: number };

export class LayoutRunner {
  private supervisor: FA2Layout | null = null;
  private state: LayoutState = { kind: 'idle' };
  private stopTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly graph: KnowledgeGraph,
    private readonly onChange: (state: LayoutState) => void,
  ) {}

  current(): LayoutState {
    return this.state;
  }

  /** Starts the worker; stops by itself after `maxMs` when given (used for the first layout of large graphs). */
  start(maxMs?: number): void {
    if (this.state.kind === 'running' || this.graph.order === 0) return;
    this.supervisor?.kill();
    this.supervisor = new FA2Layout(this.graph, {
      settings: { ...forceAtlas2.inferSettings(this.graph), barnesHutOptimize: this.graph.order > 300 },
    });
    this.supervisor.start();
    this.state = { kind: 'running', startedAt: performance.now() };
    this.onChange(this.state);
    if (maxMs) this.stopTimer = setTimeout(() => this.stop(), maxMs);
  }

  stop(): void {
    clearTimeout(this.stopTimer);
    if (this.state.kind !== 'running') return;
    this.supervisor?.stop();
    this.state = { kind: 'idle' };
    this.onChange(this.state);
  }

  /**
   * Moves nodes apart until none overlap. Sizes are pixels on screen; `pixelToGraph`
   * converts them to graph units at the current zoom, which is what the user sees.
   */
  removeOverlaps(sizeOf: (node: string) => number, pixelToGraph: number): void {
    this.stop();
    noverlap.assign(this.graph, {
      maxIterations: 150,
      inputReducer: (node, attrs) => ({ x: attrs.x, y: attrs.y, size: sizeOf(node) * pixelToGraph }),
      settings: { margin: 2 * pixelToGraph, ratio: 1.1 },
    });
  }

  kill(): void {
    clearTimeout(this.stopTimer);
    this.supervisor?.kill();
    this.supervisor = null;
  }
}
