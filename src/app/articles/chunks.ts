/**
 * A large paste is added in parts: each part is extracted and merged on its
 * own, so the page shows progress between parts and can stop after any of them
 * (merging one huge article at once holds the main thread for minutes).
 * Parts end at paragraph breaks where possible, so an article pasted among
 * others is rarely cut; the loop is iterative (a 5 MB text has tens of
 * thousands of paragraphs).
 */

/** Pasted text longer than this is added in parts. */
export const CHUNK_THRESHOLD_CHARS = 200_000;
/** A part's target size. */
export const CHUNK_CHARS = 100_000;

/** Where to cut `text` at or before `limit`: a blank line, else a line end, else a sentence end, else `limit`. */
function cutPoint(text: string, from: number, limit: number): number {
  const window = text.slice(from, limit);
  const floor = Math.floor(window.length / 2);
  for (const separator of ['\n\n', '\n', '. ']) {
    const at = window.lastIndexOf(separator);
    if (at >= floor) return from + at + separator.length;
  }
  return limit;
}

export function splitIntoChunks(text: string, maxChars = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let from = 0;
  while (from < text.length) {
    const limit = Math.min(from + maxChars, text.length);
    const to = limit === text.length ? limit : cutPoint(text, from, limit);
    const part = text.slice(from, to);
    if (part.trim()) chunks.push(part);
    from = to;
  }
  return chunks;
}
