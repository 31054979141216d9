/** Messages between the page and the extraction worker. */
import type { ParsedArticle } from '../../model/article';
import type { ExtractionResult } from '../../model/extraction';

/** Pasted text or a decoded file above this many characters is refused (the limit the page states). */
export const MAX_ARTICLE_CHARS = 5_000_000;

/**
 * `input` is pasted text, or a dropped file's bytes: those are decoded by the
 * same parser the CLI uses (UTF-8, or Windows-1251 when that is what they are).
 */
export type ExtractRequest = { type: 'extract'; id: number; name: string; input: string | Uint8Array };

export type ExtractStage = 'loading' | 'parsing' | 'extracting';

export type ExtractResponse =
  | { type: 'progress'; id: number; stage: ExtractStage; detail?: string }
  | { type: 'done'; id: number; article: ParsedArticle; extraction: ExtractionResult }
  | { type: 'failed'; id: number; message: string };
