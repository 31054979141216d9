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
  /**
   * true (default): load the English pipeline before resolving, so extract() handles both
   * languages from the first call. false: load it only when first needed, through
   * prepareEnglish() or extractWhenReady() on an English text; until then extract() of an
   * English text throws. It costs about 20 MB and a few hundred milliseconds that
   * Russian-only work (kg bench, kg eval, a page that only sees Russian) never pays.
   */
  english?: boolean;
}

interface LanguageExtractor {
  extract(text: string, options?: { referenceDate?: string }): ExtractionResult;
}

type EnglishModule = { createEnglishExtractor(resources: ExtractorResources): Promise<LanguageExtractor> };

/** The English pipeline (its own chunk in the browser build). */
async function loadEnglish(resources: ExtractorResources): Promise<LanguageExtractor> {
  const mod = (await import('./en/index')) as EnglishModule;
  return mod.createEnglishExtractor(resources);
}

export interface PreparedExtractor extends Extractor {
  /** Loads the English pipeline now, once (extract() is synchronous, so English needs this first). */
  prepareEnglish(): Promise<void>;
  /**
   * extract() that first loads the English pipeline when the text is English and it is not
   * loaded yet, so an extractor created with `english: false` handles every language.
   */
  extractWhenReady(text: string, options?: ExtractOptions): Promise<ExtractionResult>;
}

/**
 * Creates the extractor. The Russian pipeline is ready when the promise resolves; the
 * English one too unless `english: false` (see CreateExtractorOptions.english).
 */
export async function createExtractor(resources: ExtractorResources, options: CreateExtractorOptions = {}): Promise<PreparedExtractor> {
  let english: LanguageExtractor | undefined;
  let englishLoading: Promise<void> | undefined;
  let englishError: Error | undefined;
  /** Starts loading English once; a failed load is retried by the next call. */
  const prepareEnglish = (): Promise<void> => {
    englishLoading ??= loadEnglish(resources).then(
      (e) => {
        english = e;
        englishError = undefined;
      },
      (err: unknown) => {
        englishError = err instanceof Error ? err : new Error(String(err));
        englishLoading = undefined;
        throw englishError;
      },
    );
    return englishLoading;
  };
  // Eager English loads alongside the Russian dictionaries (both mostly wait for I/O).
  const englishReady = options.english === false ? undefined : prepareEnglish();
  // Nobody may be awaiting yet: keep a failure from being reported as unhandled.
  englishReady?.catch(() => {});
  const russian = await createRussianExtractor(resources, {
    ...(options.ner === undefined ? {} : { ner: options.ner }),
    ...(options.nerModel === undefined ? {} : { nerModel: options.nerModel }),
  });
  if (englishReady) await englishReady.catch(() => {}); // extract() reports the error on the first English text
  const extractor: PreparedExtractor = {
    prepareEnglish,
    async extractWhenReady(text, opts = {}) {
      const lang = opts.lang ?? detectLanguage(text);
      if (lang === 'en' && !english) await prepareEnglish();
      return extractor.extract(text, { ...opts, lang });
    },
    extract(text, opts = {}) {
      const lang = opts.lang ?? detectLanguage(text);
      const extra = opts.referenceDate ? { referenceDate: opts.referenceDate } : {};
      if (lang === 'en') {
        if (english) return english.extract(text, extra);
        throw new Error(`extract: the English pipeline is not loaded${englishError ? `: ${englishError.message}` : ' (await prepareEnglish() or use extractWhenReady())'}`);
      }
      return russian.extract(text, extra);
    },
  };
  return extractor;
}
