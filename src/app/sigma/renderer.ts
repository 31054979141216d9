/**
 * Everything that talks to Sigma 3 lives in src/app/sigma: this module creates
 * the renderer and turns the app's display model into node/edge reducers. The
 * rest of the app sees only the small `GraphView` interface, so a move to
 * Sigma 4 stays inside this folder.
 */
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EntityNodeAttributes, RelationEdgeAttributes } from '../../model/graph-file';
import type { KnowledgeGraph } from '../data/graph-io';
import type { CameraView } from '../state/view-state';
import { DIMMED_EDGE, DIMMED_NODE, EDGE_COLOR, HIGHLIGHT_EDGE, PATH_COLOR, edgeSize, relationColor } from '../view/appearance';
import type { Visibility } from '../view/visibility';

/** What the app decides; the reducers only read it. */
export interface DisplayModel {
  visibility(): Visibility;
  colorOf(node: string): string;
  sizeOf(node: string): number;
  selected(): string | null;
  path(): { nodes: Set<string>; edges: Set<string> } | null;
  /** Nodes and edges just added from an article: drawn highlighted. */
  fresh(): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
}

export interface GraphView {
  /**
   * Re-runs the reducers (after filters, selection or appearance changed): over the
   * whole graph, or only over `changes` (with `layoutUnchanged`: no re-indexing,
   * for changes of colour alone).
   */
  refresh(changes?: { nodes: string[]; edges: string[]; layoutUnchanged: boolean }): void;
  focusNode(node: string): Promise<void>;
  camera(): CameraView;
  setCamera(view: CameraView): void;
  onClickNode(listener: (node: string) => void): void;
  onClickStage(listener: () => void): void;
  onCameraChange(listener: (view: CameraView) => void): void;
  /** Hover emphasis, already debounced by the caller. */
  setHovered(node: string | null): void;
  onEnterNode(listener: (node: string) => void): void;
  onLeaveNode(listener: (node: string) => void): void;
  /** Pointer over an edge, with where it is on the page (for the tooltip). */
  onEnterEdge(listener: (edge: string, at: { x: number; y: number }) => void): void;
  onLeaveEdge(listener: (edge: string) => void): void;
  /**
   * Animates the camera so that `nodes` fit inside the part of the canvas not
   * covered by overlays (`insets`, in pixels from each side of the canvas).
   */
  fitNodes(nodes: Iterable<string>, insets?: Insets): Promise<void>;
  zoomIn(): Promise<void>;
  zoomOut(): Promise<void>;
  resetCamera(): Promise<void>;
  /** For the exporters and the layout: the underlying renderer. */
  sigma: Sigma<EntityNodeAttributes, RelationEdgeAttributes>;
  kill(): void;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const ARROW_MAX_EDGES = 2000;
const CAMERA_MS = 300;

export function createGraphView(container: HTMLElement, graph: KnowledgeGraph, model: DisplayModel): GraphView {
  let hovered: string | null = null;
  let emphasis: { center: string; nodes: Set<string> } | null = null;

  const computeEmphasis = () => {
    const center = hovered ?? model.selected();
    if (!center || !graph.hasNode(center)) {
      emphasis = null;
      return;
    }
    const visible = model.visibility();
    const nodes = new Set<string>([center]);
    graph.forEachEdge(center, (edge, _attrs, source, target) => {
      if (visible.edges.has(edge)) nodes.add(source === center ? target : source);
    });
    emphasis = { center, nodes };
  };

  const nodeReducer = (node: string, data: EntityNodeAttributes): Partial<NodeDisplayData> => {
    const visible = model.visibility();
    // Our `type` attribute is the entity type; Sigma reads `type` as its node program, so every
    // reducer result names the program explicitly and never passes the attributes through.
    if (!visible.nodes.has(node)) return { x: data.x, y: data.y, type: 'circle', hidden: true };
    const display: Partial<NodeDisplayData> = {
      x: data.x,
      y: data.y,
      type: 'circle',
      label: data.label,
      color: model.colorOf(node),
      size: model.sizeOf(node),
    };
    const path = model.path();
    if (model.fresh().nodes.has(node)) {
      display.highlighted = true;
      display.forceLabel = true;
    }
    if (emphasis) {
      if (emphasis.nodes.has(node)) {
        display.forceLabel = true;
        display.zIndex = 2;
        if (node === emphasis.center) display.highlighted = true;
      } else if (!path?.nodes.has(node)) {
        display.color = DIMMED_NODE;
        display.label = null;
        display.zIndex = 0;
      }
    }
    if (path?.nodes.has(node)) {
      display.forceLabel = true;
      display.zIndex = 3;
    }
    return display;
  };

  // Arrowheads show direction on readable graphs; on large ones they cost frame time and read as noise
  // (direction stays visible in the panel).
  const arrows = () => graph.size <= ARROW_MAX_EDGES;
  const edgeReducer = (edge: string, data: RelationEdgeAttributes): Partial<EdgeDisplayData> => {
    const visible = model.visibility();
    if (!visible.edges.has(edge)) return { type: 'line', hidden: true };
    const display: Partial<EdgeDisplayData> = {
      color: relationColor(data.type),
      size: edgeSize(data.type, data.weight),
      type: arrows() && graph.isDirected(edge) ? 'arrow' : 'line',
      // Typed relations are drawn over the co-occurrence background.
      zIndex: data.type === 'MENTIONED_WITH' ? 0 : 1,
    };
    const path = model.path();
    if (path?.edges.has(edge)) return { ...display, color: PATH_COLOR, size: 4, zIndex: 3 };
    if (model.fresh().edges.has(edge)) display.color = HIGHLIGHT_EDGE;
    if (emphasis) {
      const touches = graph.source(edge) === emphasis.center || graph.target(edge) === emphasis.center;
      if (touches) return { ...display, color: HIGHLIGHT_EDGE, size: (display.size ?? 1) + 1, zIndex: 2 };
      if (hovered) return { type: 'line', hidden: true };
      display.color = DIMMED_EDGE;
    }
    return display;
  };

  const sigma = new Sigma<EntityNodeAttributes, RelationEdgeAttributes>(graph, container, {
    nodeReducer,
    edgeReducer,
    zIndex: true,
    renderEdgeLabels: false,
    // Edges answer the pointer so their relation can be named in a tooltip (ui/edge-tooltip.ts).
    enableEdgeEvents: true,
    labelFont: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
    labelSize: 13,
    labelWeight: '500',
    labelColor: { color: '#1d232c' },
    // Few enough labels to read at any zoom: one per 120px cell at most, biggest nodes first, none for
    // nodes drawn smaller than 7px (zooming in enlarges nodes and brings their labels back).
    labelDensity: 0.5,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 7,
    defaultEdgeColor: EDGE_COLOR,
    minCameraRatio: 0.02,
    maxCameraRatio: 20,
    stagePadding: 40,
  });

  // The stage shrinks when the details panel opens: keep the canvas the size of its container.
  // A resize moves labels on screen (the label grid is rebuilt) but changes no node or edge: no reducer
  // pass, which scheduleRefresh would run over the whole graph (seconds on 50,000 entities) each time a panel opens.
  const resizeObserver = new ResizeObserver(() => sigma.refresh({ partialGraph: { nodes: [], edges: [] }, schedule: true }));
  resizeObserver.observe(container);

  const toView = (): CameraView => {
    const state = sigma.getCamera().getState();
    return { x: state.x, y: state.y, ratio: state.ratio };
  };

  const fitNodes = async (nodes: Iterable<string>, insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 }) => {
    // Display data positions are framed-graph coordinates (sigma normalises them), the camera's own units.
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const node of nodes) {
      const p = sigma.getNodeDisplayData(node);
      if (!p) continue;
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    if (!Number.isFinite(minX)) return;
    const { width, height } = sigma.getDimensions();
    const room = { width: Math.max(width - insets.left - insets.right, 40), height: Math.max(height - insets.top - insets.bottom, 40) };
    const center = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
    // Pixels the box spans at ratio 1; the screen size of things scales with 1/ratio.
    const atOne = { cameraState: { x: center.x, y: center.y, ratio: 1, angle: 0 } };
    const a = sigma.framedGraphToViewport({ x: minX, y: minY }, atOne);
    const b = sigma.framedGraphToViewport({ x: maxX, y: maxY }, atOne);
    const margin = 60;
    const ratioNeeded = Math.max(Math.abs(b.x - a.x) / Math.max(room.width - margin, 20), Math.abs(b.y - a.y) / Math.max(room.height - margin, 20));
    const ratio = Math.min(Math.max(ratioNeeded, 0.05), 1.2);
    // Move the camera so the box's centre lands in the middle of the uncovered room.
    const atRatio = { cameraState: { x: center.x, y: center.y, ratio, angle: 0 } };
    const want = { x: insets.left + room.width / 2, y: insets.top + room.height / 2 };
    const offsetTo = sigma.viewportToFramedGraph(want, atRatio);
    const target = { x: center.x - (offsetTo.x - center.x), y: center.y - (offsetTo.y - center.y), ratio };
    await sigma.getCamera().animate(target, { duration: CAMERA_MS });
  };

  return {
    sigma,
    fitNodes,
    zoomIn: () => sigma.getCamera().animatedZoom({ duration: CAMERA_MS }),
    zoomOut: () => sigma.getCamera().animatedUnzoom({ duration: CAMERA_MS }),
    resetCamera: () => sigma.getCamera().animatedReset({ duration: CAMERA_MS }),
    refresh(changes) {
      const before = emphasis;
      computeEmphasis();
      if (!changes) {
        sigma.refresh();
        return;
      }
      // Which neighbours are emphasised depends on which edges are visible: those nodes are redrawn too.
      let nodes = changes.nodes;
      if (before || emphasis) {
        const all = new Set(nodes);
        for (const node of before?.nodes ?? []) all.add(node);
        for (const node of emphasis?.nodes ?? []) all.add(node);
        nodes = [...all];
      }
      sigma.refresh({ partialGraph: { nodes, edges: changes.edges }, skipIndexation: changes.layoutUnchanged });
    },
    setHovered(node) {
      hovered = node;
      computeEmphasis();
      // Hover changes how shown items look, never hidden ones or positions: only those are redrawn.
      const visible = model.visibility();
      sigma.refresh({ partialGraph: { nodes: [...visible.nodes], edges: [...visible.edges] }, skipIndexation: true });
    },
    async focusNode(node) {
      const data = sigma.getNodeDisplayData(node);
      if (!data) return;
      const ratio = Math.min(sigma.getCamera().getState().ratio, 0.5);
      await sigma.getCamera().animate({ x: data.x, y: data.y, ratio }, { duration: 400 });
    },
    camera: toView,
    setCamera(view) {
      sigma.getCamera().setState({ x: view.x, y: view.y, ratio: view.ratio });
    },
    onClickNode(listener) {
      sigma.on('clickNode', ({ node }) => listener(node));
    },
    onClickStage(listener) {
      sigma.on('clickStage', () => listener());
    },
    onCameraChange(listener) {
      sigma.getCamera().on('updated', () => listener(toView()));
    },
    onEnterNode(listener) {
      sigma.on('enterNode', ({ node }) => listener(node));
    },
    onLeaveNode(listener) {
      sigma.on('leaveNode', ({ node }) => listener(node));
    },
    onEnterEdge(listener) {
      sigma.on('enterEdge', ({ edge, event }) => listener(edge, { x: event.x, y: event.y }));
    },
    onLeaveEdge(listener) {
      sigma.on('leaveEdge', ({ edge }) => listener(edge));
    },
    kill() {
      resizeObserver.disconnect();
      sigma.kill();
    },
  };
}

/** Hover emphasis after the pointer rests briefly, so sweeping across a dense graph does not re-render on every node. */
export function debounceHover(view: GraphView, delayMs = 60): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (node: string | null) => {
    clearTimeout(timer);
    timer = setTimeout(() => view.setHovered(node), delayMs);
  };
  view.onEnterNode((node) => schedule(node));
  view.onLeaveNode(() => schedule(null));
}
