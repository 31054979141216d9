import type { Language } from './vocabulary';

/** An article after parsing (src/ingest), before extraction. */
export interface ParsedArticle {
  /** Content hash of `text`. */
  id: string;
  title: string;
  published?: string;
  author?: string;
  source?: { name: string; url: string };
  /** The whole decoded text (BOM stripped); extraction offsets index this string. */
  text: string;
  /** Offset in `text` where the body starts (after the header lines). */
  bodyStart: number;
  lang: Language;
  file?: string;
}
