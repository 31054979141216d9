/**
 * 32-bit hashing of feature strings and values. Features are hashed, not stored
 * as strings, so the shipped model is a list of integers and featurising a token
 * builds no strings beyond its lower-cased form and affixes.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two 32-bit values (murmur3's finaliser over a simple combination). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}

/**
 * Feature hash -> row, as an open-addressing table over typed arrays. A Map keyed by
 * 32-bit hashes boxes every key above 2^30 and made lookups the tagger's bottleneck.
 */
export class FeatureTable {
  private readonly keys: Uint32Array;
  /** row + 1; 0 marks an empty slot. */
  private readonly values: Int32Array;
  private readonly mask: number;
  private count = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  set(key: number, row: number): void {
    // Keys are already hashes (bar a few small template ids): fold, do not rehash.
    let i = (key ^ (key >>> 15)) & this.mask;
    while (this.values[i] !== 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    if (this.values[i] === 0) {
      if (this.count + 1 > (this.mask + 1) / 2) throw new Error('ner: feature table is full');
      this.count++;
    }
    this.keys[i] = key;
    this.values[i] = row + 1;
  }

  /** The row of `key`, or -1. */
  get(key: number): number {
    // Keys are already hashes (bar a few small template ids): fold, do not rehash.
    let i = (key ^ (key >>> 15)) & this.mask;
    for (;;) {
      const v = this.values[i]!;
      if (v === 0) return -1;
      if (this.keys[i] === key) return v - 1;
      i = (i + 1) & this.mask;
    }
  }
}
