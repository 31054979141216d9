/**
 * Everything the extraction core reads from outside is passed in, so the core stays
 * pure and isomorphic: in Node the loader reads files, in the browser it fetches URLs.
 */
export type ResourceKind = 'json' | 'arraybuffer';

/**
 * Loads a named resource. Names are relative paths such as "az/words.dawg"
 * (the az/OpenCorpora dictionaries) or "lexicons/drugs.json" (graph-data/lexicons).
 */
export type ResourceLoader = (name: string, kind: ResourceKind) => Promise<unknown>;

export interface ExtractorResources {
  load: ResourceLoader;
}
