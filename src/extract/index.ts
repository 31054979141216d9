/**
 * The extraction core's entry point: detects the language (or takes it from the
 * options) and runs the Russian pipeline (src/extract/ru) or the English one
 * (src/extract/en, loaded lazily on the first English text, so the Russian path
 * never waits for it).
 */
import type { ExtractionResult } from '../model/extraction';
import type { Language } from '../model/vocabulary';
import { detectLanguage } from './language';
import type { ExtractorResources } from './resources';
import { createRussianExtractor } from './ru/extractor';
import type { NerModel } from './ru/ner/index';

export interface ExtractOptions {
  /** Skip detection when the language is known. */
  lang?: Language;
  /** ISO date of publication: resolves relative dates ("в апреле этого года"). */
  referenceDate?: string;
}

export interface Extractor {
  extract(text: string, options?: ExtractOptions): ExtractionResult;
}

export interface CreateExtractorOptions {
  /** Use the trained Russian NER model when present (default true); false = rules only. */
  ner?: boolean;
  /** A Russian NER model trained in memory (cross-validation) instead of the shipped one. */
  nerModel?: NerModel;
  /** Wait for the English pipeline before resolving (default true); false = Russian only until prepareEnglish(). */
  english?: boolean;
}

interface LanguageExtractor {
  extract(text: string, options?: { referenceDate?: string }): ExtractionResult;
}

type EnglishModule = { createEnglishExtractor(resources: ExtractorResources): Promise<LanguageExtractor> };

/**
 * The English pipeline, loaded on the first English text only (its own chunk in the
 * browser build), so Russian extraction never waits for it.
 */
async function loadEnglish(resources: ExtractorResources): Promise<LanguageExtractor> {
  const mod = (await import('./en/index')) as EnglishModule;
  return mod.createEnglishExtractor(resources);
}

export interface PreparedExtractor extends Extractor {
  /** Loads the English pipeline now (extract() is synchronous, so English needs this once). */
  prepareEnglish(): Promise<void>;
  /**
   * extract() that waits for the English pipeline only when the text is English, so a caller
   * created with `english: false` (faster start-up) still handles every language.
   */
  extractWhenReady(text: string, options?: ExtractOptions): Promise<ExtractionResult>;
}

/**
 * Creates the extractor. The Russian pipeline is ready when the promise resolves; the
 * English one is started in the background and awaited here only if `english: true`
 * (the default), so both languages work from the first call.
 */
export async function createExtractor(resources: ExtractorResources, options: CreateExtractorOptions = {}): Promise<PreparedExtractor> {
  let english: LanguageExtractor | undefined;
  let englishError: Error | undefined;
  const englishReady = loadEnglish(resources).then(
    (e) => {
      english = e;
    },
    (err: unknown) => {
      englishError = err instanceof Error ? err : new Error(String(err));
    },
  );
  const russian = await createRussianExtractor(resources, {
    ...(options.ner === undefined ? {} : { ner: options.ner }),
    ...(options.nerModel === undefined ? {} : { nerModel: options.nerModel }),
  });
  if (options.english !== false) await englishReady;
  const extractor: PreparedExtractor = {
    async prepareEnglish() {
      await englishReady;
    },
    async extractWhenReady(text, opts = {}) {
      const lang = opts.lang ?? detectLanguage(text);
      if (lang === 'en') await englishReady;
      return extractor.extract(text, { ...opts, lang });
    },
    extract(text, opts = {}) {
      const lang = opts.lang ?? detectLanguage(text);
      const extra = opts.referenceDate ? { referenceDate: opts.referenceDate } : {};
      if (lang === 'en') {
        if (english) return english.extract(text, extra);
        throw new Error(`extract: the English pipeline is not loaded${englishError ? `: ${englishError.message}` : ' yet (await prepareEnglish())'}`);
      }
      return russian.extract(text, extra);
    },
  };
  return extractor;
}
