/**
 * Tag schemes (BIO, BILOU) over the three entity types: tag names, which tag may
 * follow which (Viterbi only ever produces well-formed sequences), gold tags from
 * token spans and spans from tags.
 */
import { NER_SPAN_TYPES, type NerSpan, type NerSpanType } from './types';

export type TagScheme = 'BIO' | 'BILOU';

export interface TagSet {
  scheme: TagScheme;
  names: string[];
  /** allowed[prev * n + cur]; prev = n is the sentence start. */
  allowed: Uint8Array;
  /** May the sentence end with this tag? */
  allowedLast: Uint8Array;
}

function prefixes(scheme: TagScheme): string[] {
  return scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
}

export function createTagSet(scheme: TagScheme): TagSet {
  const names = ['O'];
  for (const type of NER_SPAN_TYPES) for (const p of prefixes(scheme)) names.push(`${p}-${type}`);
  const n = names.length;
  const allowed = new Uint8Array((n + 1) * n);
  const allowedLast = new Uint8Array(n);
  const parse = (name: string) => (name === 'O' ? { p: 'O', t: '' } : { p: name[0]!, t: name.slice(2) });
  // "Open" tags expect a continuation of the same type next.
  const opens = (p: string) => (scheme === 'BIO' ? false : p === 'B' || p === 'I');
  for (let cur = 0; cur < n; cur++) {
    const c = parse(names[cur]!);
    const continues = c.p === 'I' || c.p === 'L';
    allowedLast[cur] = opens(c.p) ? 0 : 1;
    allowed[n * n + cur] = continues ? 0 : 1;
    for (let prev = 0; prev < n; prev++) {
      const p = parse(names[prev]!);
      let ok: boolean;
      if (scheme === 'BIO') ok = !continues || ((p.p === 'B' || p.p === 'I') && p.t === c.t);
      else if (opens(p.p)) ok = continues && p.t === c.t;
      else ok = !continues;
      allowed[prev * n + cur] = ok ? 1 : 0;
    }
  }
  return { scheme, names, allowed, allowedLast };
}

export function tagIndex(tags: TagSet, prefix: string, type: NerSpanType): number {
  const i = tags.names.indexOf(`${prefix}-${type}`);
  if (i < 0) throw new Error(`ner: no tag ${prefix}-${type} in ${tags.scheme}`);
  return i;
}

/** Gold tags of one sentence of `length` tokens from spans relative to the sentence. */
export function encodeSpans(tags: TagSet, length: number, spans: readonly NerSpan[]): Int8Array {
  const out = new Int8Array(length);
  for (const s of spans) {
    const len = s.last - s.first;
    if (len <= 0) continue;
    if (tags.scheme === 'BIO') {
      out[s.first] = tagIndex(tags, 'B', s.type);
      for (let i = s.first + 1; i < s.last; i++) out[i] = tagIndex(tags, 'I', s.type);
    } else if (len === 1) {
      out[s.first] = tagIndex(tags, 'U', s.type);
    } else {
      out[s.first] = tagIndex(tags, 'B', s.type);
      for (let i = s.first + 1; i < s.last - 1; i++) out[i] = tagIndex(tags, 'I', s.type);
      out[s.last - 1] = tagIndex(tags, 'L', s.type);
    }
  }
  return out;
}

/** Spans (relative to the sentence) from a well-formed tag sequence. */
export function decodeTags(tags: TagSet, seq: ArrayLike<number>): NerSpan[] {
  const spans: NerSpan[] = [];
  let open: { first: number; type: NerSpanType } | undefined;
  const close = (last: number) => {
    if (open) spans.push({ first: open.first, last, type: open.type });
    open = undefined;
  };
  for (let i = 0; i < seq.length; i++) {
    const name = tags.names[seq[i]!] ?? 'O';
    if (name === 'O') {
      close(i);
      continue;
    }
    const p = name[0]!;
    const type = name.slice(2) as NerSpanType;
    if (p === 'B' || p === 'U' || !open || open.type !== type) {
      close(i);
      open = { first: i, type };
    }
    if (p === 'U' || p === 'L') close(i + 1);
  }
  close(seq.length);
  return spans;
}
