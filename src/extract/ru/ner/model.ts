/**
 * The trained model (feature weights per tag and tag-transition weights), Viterbi
 * decoding, and the compact file format it ships in: JSON with the feature hashes
 * and the int16-quantised weights as base64 little-endian arrays, so the same file
 * loads through the resource loader in Node and in the browser.
 */
import { FEATURE_VERSION, type SentenceFeatures } from './features';
import { FeatureTable, hashString } from './hash';
import type { NerLexicon } from './lexicon';
import { createTagSet, type TagScheme, type TagSet } from './tagset';

/** One perceptron: weights per feature and tag, and tag-transition weights. */
export interface PerceptronStage {
  /** Feature hash of each row of `weights`. */
  hashes: Uint32Array;
  /** Feature hash -> row. */
  table: FeatureTable;
  /** rows x tags. */
  weights: Float32Array;
  /** (tags + 1) x tags: row `tags` holds the start weights. */
  transitions: Float32Array;
  /** Added to every token's score of each tag: shifts the precision/recall balance of a type. */
  bias: Float32Array;
}

/**
 * The tagger's model: stage 0 tags from the token features alone; each later stage
 * also sees the previous stage's spans over the whole document (stacking), which is
 * how a lone "Кан" learns from "Наото Кан" three sentences earlier.
 */
export interface NerModel {
  tags: TagSet;
  featureVersion: number;
  stages: PerceptronStage[];
  /** Gazetteer bits per lemma the features were computed with (shipped with the weights). */
  lexicon: NerLexicon;
  /**
   * Which texts the model learned from (documentFingerprint of each, sorted), so an
   * evaluation can tell documents the model has seen from held-out ones.
   */
  trainedOn?: string[];
}

/** A short, isomorphic fingerprint of a training text (32-bit FNV-1a of the text, hex). */
export function documentFingerprint(text: string): string {
  return hashString(text.replace(/\r\n?/g, '\n').trim()).toString(16).padStart(8, '0');
}

export const MODEL_FORMAT = 'kg-ner-perceptron';
export const MODEL_FORMAT_VERSION = 3;

export interface StageFile {
  /** Quantised weight q stands for q * scale. */
  scale: number;
  transitions: number[];
  /** Uint32 feature hashes, little-endian, base64. */
  features: string;
  /** Int16 weights (features x tags), little-endian, base64. */
  weights: string;
  /** Per-tag score offsets (absent = zeros). */
  bias?: number[];
}

export interface NerModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  featureVersion: number;
  scheme: TagScheme;
  tags: string[];
  stages: StageFile[];
  /** Lexicon table: Uint32 lemma hashes (ascending) and one Uint8 of bits each, little-endian, base64. */
  lexicon: { lemmas: string; bits: string };
  /** documentFingerprint of every training text, sorted (absent in models trained before it existed). */
  trainedOn?: string[];
}

const NEG = -1e30;

export function createStage(hashes: Uint32Array, weights: Float32Array, transitions: Float32Array, bias?: Float32Array): PerceptronStage {
  const nt = Math.round(Math.sqrt(transitions.length + 0.25) - 0.5); // (nt + 1) * nt entries
  // Built on first use: tagging looks features up in one table over all stages (tag.ts), so
  // a shipped model never needs its stages' own tables (half a megabyte each).
  let table: FeatureTable | undefined;
  return {
    hashes,
    get table() {
      if (!table) {
        table = new FeatureTable(hashes.length);
        hashes.forEach((hash, row) => table!.set(hash, row));
      }
      return table;
    },
    weights,
    transitions,
    bias: bias ?? new Float32Array(nt),
  };
}

/** Emission scores (n x tags) of one sentence, summed over its feature sets (base, stacked). */
export function emissionScores(tags: TagSet, model: PerceptronStage, parts: readonly SentenceFeatures[]): Float32Array {
  const nt = tags.names.length;
  const n = parts[0]?.length ?? 0;
  const scores = new Float32Array(n * nt);
  const { table, weights, bias } = model;
  for (let i = 0; i < n; i++) scores.set(bias, i * nt);
  for (const sf of parts) {
    for (let i = 0; i < n; i++) {
      const base = i * nt;
      for (let k = sf.offsets[i]!; k < sf.offsets[i + 1]!; k++) {
        const row = table.get(sf.features[k]!);
        if (row < 0) continue;
        const w = row * nt;
        for (let t = 0; t < nt; t++) scores[base + t]! += weights[w + t]!;
      }
    }
  }
  return scores;
}

/** Best well-formed tag sequence under emission + transition scores. Linear in n. */
export function viterbi(tags: TagSet, transitions: ArrayLike<number>, scores: ArrayLike<number>, n: number): Int8Array {
  const nt = tags.names.length;
  const out = new Int8Array(n);
  if (n === 0) return out;
  let prev = new Float64Array(nt);
  let cur = new Float64Array(nt);
  const back = new Int8Array(n * nt);
  for (let t = 0; t < nt; t++) {
    prev[t] = tags.allowed[nt * nt + t] ? transitions[nt * nt + t]! + scores[t]! : NEG;
  }
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < nt; t++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < nt; p++) {
        if (!tags.allowed[p * nt + t]) continue;
        const v = prev[p]! + transitions[p * nt + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      cur[t] = best + scores[i * nt + t]!;
      back[i * nt + t] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let best = NEG;
  let arg = 0;
  for (let t = 0; t < nt; t++) {
    if (!tags.allowedLast[t]) continue;
    if (prev[t]! > best) {
      best = prev[t]!;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * nt + out[i]!]!;
  return out;
}

// --- (de)serialisation -------------------------------------------------------

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function serializeStage(stage: PerceptronStage, nt: number): StageFile {
  const rows = Array.from(stage.hashes, (hash, row) => [hash, row] as const).sort((a, b) => a[0] - b[0]);
  let max = 0;
  for (const [, row] of rows) for (let t = 0; t < nt; t++) max = Math.max(max, Math.abs(stage.weights[row * nt + t]!));
  const scale = max > 0 ? max / 32767 : 1;
  const hashes = new DataView(new ArrayBuffer(rows.length * 4));
  const weights = new DataView(new ArrayBuffer(rows.length * nt * 2));
  rows.forEach(([hash, row], r) => {
    hashes.setUint32(r * 4, hash, true);
    for (let t = 0; t < nt; t++) {
      weights.setInt16((r * nt + t) * 2, Math.round(stage.weights[row * nt + t]! / scale), true);
    }
  });
  return {
    scale,
    transitions: Array.from(stage.transitions, (v) => Math.round(v * 1e4) / 1e4),
    features: bytesToBase64(new Uint8Array(hashes.buffer)),
    weights: bytesToBase64(new Uint8Array(weights.buffer)),
    ...(stage.bias.some((b) => b !== 0) ? { bias: Array.from(stage.bias, (v) => Math.round(v * 1e4) / 1e4) } : {}),
  };
}

/**
 * The model as a plain JSON-able object. Rows are written in ascending hash order
 * so the same model always gives the same file.
 */
export function serializeNerModel(model: NerModel): NerModelFile {
  const nt = model.tags.names.length;
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    featureVersion: model.featureVersion,
    scheme: model.tags.scheme,
    tags: model.tags.names,
    stages: model.stages.map((stage) => serializeStage(stage, nt)),
    lexicon: serializeLexicon(model.lexicon),
    ...(model.trainedOn ? { trainedOn: model.trainedOn } : {}),
  };
}

function serializeLexicon(lexicon: NerLexicon): NerModelFile['lexicon'] {
  const rows = [...lexicon.entries].sort((a, b) => a[0] - b[0]);
  const lemmas = new DataView(new ArrayBuffer(rows.length * 4));
  const bits = new Uint8Array(rows.length);
  rows.forEach(([hash, b], r) => {
    lemmas.setUint32(r * 4, hash, true);
    bits[r] = b;
  });
  return { lemmas: bytesToBase64(new Uint8Array(lemmas.buffer)), bits: bytesToBase64(bits) };
}

function deserializeLexicon(data: unknown): NerLexicon {
  if (typeof data !== 'object' || data === null) invalid('lexicon is not an object');
  const file = data as Partial<NerModelFile['lexicon']>;
  if (typeof file.lemmas !== 'string' || typeof file.bits !== 'string') invalid('lexicon lemmas and bits must be base64 strings');
  let lemmaBytes: Uint8Array;
  let bits: Uint8Array;
  try {
    lemmaBytes = base64ToBytes(file.lemmas);
    bits = base64ToBytes(file.bits);
  } catch {
    invalid('lexicon lemmas or bits are not valid base64');
  }
  if (lemmaBytes.length !== bits.length * 4) invalid(`lexicon: ${lemmaBytes.length} lemma bytes for ${bits.length} entries`);
  const view = new DataView(lemmaBytes.buffer, lemmaBytes.byteOffset, lemmaBytes.byteLength);
  const entries = new Map<number, number>();
  for (let r = 0; r < bits.length; r++) entries.set(view.getUint32(r * 4, true), bits[r]!);
  return { entries };
}

function invalid(message: string): never {
  throw new Error(`ner: invalid model file: ${message}`);
}

function deserializeStage(data: unknown, nt: number, k: number): PerceptronStage {
  if (typeof data !== 'object' || data === null) invalid(`stage ${k} is not an object`);
  const file = data as Partial<StageFile>;
  if (typeof file.scale !== 'number' || !(file.scale > 0)) invalid(`stage ${k}: scale must be a positive number`);
  if (!Array.isArray(file.transitions) || file.transitions.length !== (nt + 1) * nt || !file.transitions.every((v) => typeof v === 'number')) {
    invalid(`stage ${k}: transitions must be ${(nt + 1) * nt} numbers`);
  }
  if (typeof file.features !== 'string' || typeof file.weights !== 'string') invalid(`stage ${k}: features and weights must be base64 strings`);
  let hashBytes: Uint8Array;
  let weightBytes: Uint8Array;
  try {
    hashBytes = base64ToBytes(file.features);
    weightBytes = base64ToBytes(file.weights);
  } catch {
    invalid(`stage ${k}: features or weights are not valid base64`);
  }
  if (hashBytes.length % 4 !== 0) invalid(`stage ${k}: features length is not a multiple of 4 bytes`);
  const rows = hashBytes.length / 4;
  if (weightBytes.length !== rows * nt * 2) invalid(`stage ${k}: expected ${rows * nt * 2} weight bytes, got ${weightBytes.length}`);
  const hv = new DataView(hashBytes.buffer, hashBytes.byteOffset, hashBytes.byteLength);
  const wv = new DataView(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const hashes = new Uint32Array(rows);
  const weights = new Float32Array(rows * nt);
  for (let r = 0; r < rows; r++) {
    hashes[r] = hv.getUint32(r * 4, true);
    if (r > 0 && hashes[r]! <= hashes[r - 1]!) invalid(`stage ${k}: feature hashes are not strictly increasing`);
    for (let t = 0; t < nt; t++) weights[r * nt + t] = wv.getInt16((r * nt + t) * 2, true) * file.scale;
  }
  if (file.bias !== undefined && (!Array.isArray(file.bias) || file.bias.length !== nt || !file.bias.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
    invalid(`stage ${k}: bias must be ${nt} numbers`);
  }
  return createStage(hashes, weights, Float32Array.from(file.transitions), file.bias ? Float32Array.from(file.bias) : undefined);
}

export function deserializeNerModel(data: unknown): NerModel {
  if (typeof data !== 'object' || data === null) invalid('not an object');
  const file = data as Partial<NerModelFile>;
  if (file.format !== MODEL_FORMAT) invalid(`format is ${JSON.stringify(file.format)}, expected ${MODEL_FORMAT}`);
  if (file.version !== MODEL_FORMAT_VERSION) invalid(`version ${String(file.version)} is not supported`);
  if (file.featureVersion !== FEATURE_VERSION) {
    invalid(`trained with features v${String(file.featureVersion)}, this code computes v${FEATURE_VERSION}: retrain (npx tsx scripts/train-ner.ts)`);
  }
  if (file.scheme !== 'BIO' && file.scheme !== 'BILOU') invalid(`unknown tag scheme ${JSON.stringify(file.scheme)}`);
  const tags = createTagSet(file.scheme);
  const nt = tags.names.length;
  if (!Array.isArray(file.tags) || file.tags.join() !== tags.names.join()) invalid('tags do not match the scheme');
  if (!Array.isArray(file.stages) || file.stages.length === 0) invalid('stages must be a non-empty array');
  return {
    tags,
    featureVersion: file.featureVersion,
    stages: file.stages.map((s, k) => deserializeStage(s, nt, k)),
    lexicon: deserializeLexicon(file.lexicon),
    ...(file.trainedOn === undefined ? {} : { trainedOn: trainedOnOf(file.trainedOn) }),
  };
}

function trainedOnOf(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && /^[0-9a-f]{8}$/.test(v))) invalid('trainedOn must be an array of 8-digit hex fingerprints');
  return value as string[];
}
