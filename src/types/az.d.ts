// Minimal typings for the parts of az (Az.js 0.2.3) this project uses.
declare module 'az' {
  interface AzTag {
    POS?: string;
    CAse?: string;
    GNdr?: string;
    NMbr?: string;
    stat: string[];
    flex: string[];
    toString(): string;
    [grammeme: string]: unknown;
  }
  interface AzParse {
    word: string;
    tag: AzTag;
    score: number;
    parser?: string;
    normalize(keepPOS?: boolean): AzParse;
    inflect(grammemes: string[] | number): AzParse | false | undefined;
    toString(): string;
  }
  type AzLoader = (url: string, responseType: 'json' | 'arraybuffer', callback: (err: unknown, data?: unknown) => void) => void;
  interface AzMorph {
    (word: string, config?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (err: unknown) => void): void;
  }
  const Az: { load: AzLoader; Morph: AzMorph };
  export default Az;
}
