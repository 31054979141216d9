import type { z } from 'zod';
import { FormatError } from './errors';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION, GraphFileSchema, type GraphFile } from './graph-file';

function describePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

function firstIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((issue) => `${describePath(issue.path)}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates an already-parsed JSON value as a graph file. Throws a FormatError
 * that says what is wrong and where; never returns a half-valid graph.
 */
export function parseGraphFile(value: unknown, source = 'graph file'): GraphFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError('graph-file', `${source} is not a JSON object`);
  }
  const record = value as Record<string, unknown>;
  if (record.type !== GRAPH_FILE_TYPE) {
    throw new FormatError(
      'graph-file',
      `${source} is not a graph file of this tool: "type" is ${JSON.stringify(record.type)}, expected "${GRAPH_FILE_TYPE}"`,
    );
  }
  if (record.version !== GRAPH_FILE_VERSION) {
    throw new FormatError(
      'graph-file',
      `${source} has version ${JSON.stringify(record.version)}; this build reads version ${GRAPH_FILE_VERSION}`,
    );
  }
  const result = GraphFileSchema.safeParse(value);
  if (!result.success) {
    throw new FormatError('graph-file', `${source} is malformed at ${firstIssues(result.error)}`);
  }
  const file = result.data;
  const keys = new Set<string>();
  for (const node of file.graph.nodes) {
    if (keys.has(node.key)) throw new FormatError('graph-file', `${source}: duplicate node key ${JSON.stringify(node.key)}`);
    keys.add(node.key);
  }
  file.graph.edges.forEach((edge, i) => {
    for (const end of [edge.source, edge.target]) {
      if (!keys.has(end)) {
        throw new FormatError('graph-file', `${source} is malformed at graph.edges[${i}]: node ${JSON.stringify(end)} does not exist`);
      }
    }
  });
  return file;
}

/** Parses JSON text, then validates it; syntax errors are reported as FormatError too. */
export function parseGraphFileText(text: string, source = 'graph file'): GraphFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FormatError('graph-file', `${source} is not valid JSON: ${(err as Error).message}`);
  }
  return parseGraphFile(value, source);
}

function isVersion1(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).type === GRAPH_FILE_TYPE && (value as Record<string, unknown>).version === 1;
}

/**
 * Like parseGraphFileText, and reads version 1 files too: version 1 wrote every evidence with
 * its sentence inline, which version 2 still reads, so such a file is read as it is (nothing
 * the user has is lost, overrides included) and written in the compact form on the next save.
 * The same in Node (kg) and in the page; `onNote` hears that an old file was read.
 */
export function parseGraphFileTextAnyVersion(text: string, source = 'graph file', onNote?: (message: string) => void): GraphFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseGraphFileText(text, source); // reports the syntax error with the source
  }
  if (!isVersion1(value)) return parseGraphFile(value, source);
  let file: GraphFile;
  try {
    file = parseGraphFile({ ...value, version: GRAPH_FILE_VERSION }, source);
  } catch (err) {
    throw new FormatError('graph-file', `${source} is graph file version 1 and cannot be read as version ${GRAPH_FILE_VERSION} (${(err as Error).message}): rebuild it with kg ingest --rebuild`);
  }
  onNote?.(`${source} is graph file version 1; read as version ${GRAPH_FILE_VERSION} (it is written as version ${GRAPH_FILE_VERSION} on the next change)`);
  return file;
}
