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
}

interface LanguageExtractor {
  extract(text: string, options?: { referenceDate?: string }): ExtractionResult;
}

type EnglishModule = { createEnglishExtractor(resources: ExtractorResources): Promise<LanguageExtractor> };

/**
 * The English pipeline, if its module is part of this build. The specifier is a
 * variable so that a build without src/extract/en still compiles.
 */
async function loadEnglish(resources: ExtractorResources): Promise<LanguageExtractor | undefined> {
  try {
    const specifier = './en/index';
    const mod = (await import(/* @vite-ignore */ specifier)) as Partial<EnglishModule>;
    return typeof mod.createEnglishExtractor === 'function' ? await mod.createEnglishExtractor(resources) : undefined;
  } catch {
    return undefined;
  }
}

export async function createExtractor(resources: ExtractorResources, options: CreateExtractorOptions = {}): Promise<Extractor> {
  const russian = await createRussianExtractor(resources, options.ner === undefined ? {} : { ner: options.ner });
  const english = await loadEnglish(resources);
  return {
    extract(text, opts = {}) {
      const lang = opts.lang ?? detectLanguage(text);
      const extra = opts.referenceDate ? { referenceDate: opts.referenceDate } : {};
      if (lang === 'en') {
        if (english) return english.extract(text, extra);
        return { lang: 'en', entities: [], relations: [], sentences: [] };
      }
      return russian.extract(text, extra);
    },
  };
}
