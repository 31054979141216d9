/** The extractor for CLI commands, with Node resources (az dictionaries, lexicons, models). */
import { createExtractor, type Extractor } from '../extract/index';
import { nodeResources } from '../node/resources';

let cached: Promise<Extractor> | undefined;

export function loadExtractor(): Promise<Extractor> {
  cached ??= createExtractor(nodeResources());
  return cached;
}
