/**
 * A tokenizer modelled on razdel's (the one the published NER tables use), for
 * scoring a factRuEval directory that comes without razdel-tokens.jsonl. Only the
 * token boundaries matter here: they decide which spans count as aligned.
 *
 * razdel cuts text into atoms (a run of Cyrillic letters, of Latin letters, of
 * digits, one punctuation mark, one other symbol) and then joins two touching
 * atoms (no whitespace between them) when a rule says so; like razdel, the rules
 * look at the atoms on either side even across whitespace ("-официальным", "18, 23"):
 *  - dash or underscore between two non-punctuation atoms: "28-летний", "Москва-Баку";
 *  - "." or "," between digits: "19,4"; "/" or "\" between digits: "1/2";
 *  - runs of sentence-ending punctuation ("...", "?!"), "--", "**";
 *  - an "other" symbol next to a letter or another symbol.
 * Everything else is split. Agreement with razdel on the dev set is checked by a test.
 */

type AtomType = 'RU' | 'LAT' | 'INT' | 'PUNCT' | 'OTHER';

interface Atom {
  start: number;
  end: number;
  type: AtomType;
  text: string;
}

const DASHES = '‑–—−-';
const QUOTES = '«»"\'„“ʼʻ”’‘‚';
const BRACKETS = '()[]{}';
const PUNCTS = '\\/!#$%&*+,.:;<=>?@^_`|~№…' + DASHES + QUOTES + BRACKETS;
const ENDINGS = '.?!…';

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]\[^-]/g, (c) => `\\${c}`);
}

const ATOM_RE = new RegExp(
  `(?<RU>[а-яё]+)|(?<LAT>[a-z]+)|(?<INT>\\d+)|(?<PUNCT>[${escapeClass(PUNCTS)}])|(?<OTHER>\\S)`,
  'giu',
);

function atomize(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (const match of text.matchAll(ATOM_RE)) {
    const groups = match.groups ?? {};
    const type = (['RU', 'LAT', 'INT', 'PUNCT', 'OTHER'] as const).find((t) => groups[t] !== undefined) ?? 'OTHER';
    const start = match.index;
    atoms.push({ start, end: start + match[0].length, type, text: match[0] });
  }
  return atoms;
}

const isPunct = (atom: Atom | undefined) => atom?.type === 'PUNCT';

/** razdel's "2112" rules: a delimiter atom between two atoms joins them. */
function joinsAcrossDelimiter(left: Atom | undefined, delimiter: Atom, right: Atom | undefined): boolean {
  if (!left || !right) return false;
  const d = delimiter.text;
  if (DASHES.includes(d) || d === '_') return !isPunct(left) && !isPunct(right);
  if (d === '.' || d === ',' || d === '/' || d === '\\') return left.type === 'INT' && right.type === 'INT';
  return false;
}

function shouldJoin(atoms: readonly Atom[], i: number): boolean {
  // Decide whether atoms[i] and atoms[i + 1] (touching, no whitespace) are one token.
  const left = atoms[i]!;
  const right = atoms[i + 1]!;
  if (left.type === 'PUNCT' && left.text.length === 1 && (DASHES + '_.,/\\').includes(left.text)) {
    if (joinsAcrossDelimiter(atoms[i - 1], left, right)) return true;
  }
  if (right.type === 'PUNCT' && (DASHES + '_.,/\\').includes(right.text)) {
    if (joinsAcrossDelimiter(left, right, atoms[i + 2])) return true;
  }
  if (left.type === 'PUNCT' && right.type === 'PUNCT') {
    if (ENDINGS.includes(left.text) && ENDINGS.includes(right.text)) return true;
    if (left.text + right.text === '--' || left.text + right.text === '**') return true;
  }
  if (left.type === 'OTHER' && (right.type === 'OTHER' || right.type === 'RU' || right.type === 'LAT')) return true;
  if ((left.type === 'OTHER' || left.type === 'RU' || left.type === 'LAT') && right.type === 'OTHER') return true;
  return false;
}

/** Token offsets [start, stop) of `text`. */
export function tokenizeForScoring(text: string): Array<[number, number]> {
  const atoms = atomize(text);
  const tokens: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (start < 0) {
      start = atom.start;
    }
    const next = atoms[i + 1];
    if (next && next.start === atom.end && shouldJoin(atoms, i)) {
      continue;
    }
    tokens.push([start, atom.end]);
    start = -1;
  }
  return tokens;
}
