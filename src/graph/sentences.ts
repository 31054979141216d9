/**
 * Finding the evidence sentence of a mention. The extractor reports sentence
 * boundaries; when it does not (or a mention falls outside them), the sentence is
 * cut around the mention at the nearest sentence punctuation or line break.
 */
export type Span = readonly [number, number];

/** Index of the span containing `offset`, by binary search over sorted, disjoint spans. */
function containing(spans: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (offset < span[0]) hi = mid - 1;
    else if (offset >= span[1]) lo = mid + 1;
    else return span;
  }
  return undefined;
}

const BOUNDARY = /[.!?…\n]/;

function fallbackSentence(text: string, start: number, end: number): Span {
  let from = start;
  while (from > 0 && !BOUNDARY.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !BOUNDARY.test(text[to]!)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  while (from < start && /\s/.test(text[from]!)) from++;
  return [from, to];
}

export class SentenceLocator {
  private readonly spans: Span[];

  constructor(
    private readonly text: string,
    sentences: ReadonlyArray<readonly [number, number]>,
  ) {
    this.spans = sentences.filter(([s, e]) => s >= 0 && e <= text.length && s < e).sort((a, b) => a[0] - b[0]);
  }

  /** The sentence [start, end) around a mention [start, end). */
  around(start: number, end: number): Span {
    const span = containing(this.spans, start);
    if (span && end <= span[1]) return span;
    return fallbackSentence(this.text, start, end);
  }
}
