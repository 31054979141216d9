/**
 * The extraction core's entry point. PLACEHOLDER during the first build-out:
 * returns no entities; replaced by the Russian and English pipelines.
 */
import type { ExtractionResult } from '../model/extraction';
import type { Language } from '../model/vocabulary';
import { detectLanguage } from './language';
import type { ExtractorResources } from './resources';

export interface ExtractOptions {
  /** Skip detection when the language is known. */
  lang?: Language;
}

export interface Extractor {
  extract(text: string, options?: ExtractOptions): ExtractionResult;
}

export async function createExtractor(_resources: ExtractorResources): Promise<Extractor> {
  return {
    extract(text, options = {}) {
      const lang = options.lang ?? detectLanguage(text);
      return { lang, entities: [], relations: [], sentences: [] };
    },
  };
}
