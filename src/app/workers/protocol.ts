/** Messages between the page and the extraction worker. */
import type { ParsedArticle } from '../../model/article';
import type { ExtractionResult } from '../../model/extraction';

export type ExtractRequest = { type: 'extract'; id: number; name: string; text: string };

export type ExtractStage = 'loading' | 'parsing' | 'extracting';

export type ExtractResponse =
  | { type: 'progress'; id: number; stage: ExtractStage; detail?: string }
  | { type: 'done'; id: number; article: ParsedArticle; extraction: ExtractionResult }
  | { type: 'failed'; id: number; message: string };
