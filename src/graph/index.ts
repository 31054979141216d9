/** Graph building, file format and exports (isomorphic; Node file I/O is in ./file-io). */
export { KnowledgeBase, edgeKey, emptyGraphFile, splitNodeId, type ArticleSummary, type AddWork } from './knowledge-base';
export { canonicalGraphFile, serializeGraphFile, toStoredGraphFile } from './serialize';
export { expandStoredSentences } from './stored-form';
export { toGexf, toGraphml, toCsv, flatNodes, flatEdges, EXPORT_FORMATS, type ExportFormat } from './export';
export { EXPORTERS, exportGraph, type Exporter, type ExportedFile } from './exporters';
export { graphFileJsonSchema } from './schema';
export { createKnowledgeGraph, type KnowledgeGraph } from './types';
