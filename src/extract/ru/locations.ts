/**
 * Places by rule: the locations lexicon (countries, major cities, regions), any
 * capitalised word the dictionary tags Geox, "<Adjective> область/край/район",
 * "Республика X", and the capitalised word after a place head from place-heads.json
 * ("город", "реки", "озеро", "улица", ...).
 */
import type { Sentence } from '../tokens';
import { hasKnownTag, placeOutweighsName, type TokenInfo } from './analysis';
import type { Gazetteer } from './gazetteer';
import { nominativePhrase } from './inflect';
import { PRIORITY } from './priority';

export interface RuleSpan {
  first: number;
  last: number;
  start: number;
  end: number;
  type: 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'DRUG' | 'CHANNEL';
  subtype?: string;
  ref?: string;
  norm: string;
  /** Higher wins an overlap; ties go to the longer span. */
  priority: number;
}

const REGION_HEADS = new Set(['область', 'край', 'район', 'округ', 'губерния', 'улус', 'уезд', 'автономный округ', 'республика', 'автономия', 'империя']);

/** Place heads that follow their name as a noun ("Манежная площадь"); regions have their own rule above. */
const POST_HEAD_SUBTYPES = new Set(['street', 'lake', 'sea', 'island', 'mountain', 'river', 'landmark']);

/** A known surname, never a place, in the nominative while the head before it is not. */
function personAfterHead(head: TokenInfo, name: TokenInfo): boolean {
  const surnames = name.parses.filter((p) => p.known && p.tags.has('Surn'));
  // "проспекте Назарбаева" is also a woman's surname in the nominative: the genitive reading wins.
  if (hasKnownTag(name, 'Geox') || surnames.length === 0 || surnames.some((p) => p.case !== 'nomn')) return false;
  let nominative = 0;
  for (const p of head.parses) if (p.case === 'nomn') nominative += p.score;
  return nominative < 0.5;
}

function geoxNoun(info: TokenInfo): boolean {
  return info.cap && info.cyr && !info.upper && hasKnownTag(info, 'Geox') && info.parses.some((p) => p.known && p.pos === 'NOUN' && p.tags.has('Geox') && p.score >= 0.2);
}

export function findLocations(infos: readonly TokenInfo[], sentences: readonly Sentence[], text: string, locations: Gazetteer, placeHeads: Gazetteer): RuleSpan[] {
  const out: RuleSpan[] = [];
  const push = (first: number, last: number, priority: number, extra: Partial<RuleSpan> = {}) => {
    const start = extra.start ?? infos[first]!.token.start;
    const end = extra.end ?? infos[last - 1]!.token.end;
    out.push({ first, last, start, end, type: 'LOCATION', norm: extra.norm ?? nominativePhrase(infos, first, last, text, 0), priority, ...extra });
  };
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const info = infos[i]!;
      // Lexicon first: it knows subtypes and refs.
      const m = locations.matchAt(infos, i, s.last);
      // "Питер Данн", "Владимир Путин": a first name that is also a place, before a capitalised word.
      const next0 = infos[i + 1];
      if (m && m.last === i + 1 && i + 1 < s.last && next0 && next0.cap && next0.cyr && next0.token.kind === 'word' && !next0.upper && hasKnownTag(info, 'Name') && !placeOutweighsName(info) && !locations.matchAt(infos, i + 1, s.last)) continue;
      if (m) {
        // An inflected form of the canonical name takes the name as written in the lexicon
        // ("Казахстане" -> "Казахстан", "Алматы" stays "Алматы"); other forms ("РФ") their own nominative.
        const single = m.last - m.first === 1 && m.end === infos[m.first]!.token.end;
        const norm = single && info.keys.has(m.entry.name.toLowerCase().replace(/ё/g, 'е')) ? m.entry.name : undefined;
        push(m.first, m.last, PRIORITY.RULE, { ref: m.entry.id, ...(m.entry.subtype ? { subtype: m.entry.subtype } : {}), ...(norm ? { norm } : {}) });
        i = m.last - 1;
        continue;
      }
      // "Алматинской области", "Краснодарский край", "Чеченской республики", "Чукотский автономный
      // округ", "Дальневосточном федеральном округе" (one lower-case adjective may come between).
      const next = infos[i + 1];
      // Not a pronoun ("Это та область").
      if (info.cap && next && i + 1 < s.last && info.parses.some((p) => p.pos === 'ADJF') && !info.parses.some((p) => p.tags.has('Apro'))) {
        const between = !next.cap && next.parses.some((p) => p.pos === 'ADJF') && i + 2 < s.last ? 1 : 0;
        const head = infos[i + 1 + between]!;
        if ([...head.keys].some((k) => REGION_HEADS.has(k)) && !head.cap) {
          // Above the tagger (4), which may keep only the adjective ("[Чеченской] республики").
          push(i, i + 2 + between, PRIORITY.PLACE_BY_HEAD, { subtype: 'region' });
          i += 1 + between;
          continue;
        }
        if (between === 0 && [...next.keys].some((k) => REGION_HEADS.has(k))) {
          push(i, i + 2, PRIORITY.PLACE_BY_HEAD, { subtype: 'region' });
          i++;
          continue;
        }
      }
      // "Кронштадтский бульвар", "Манежная площадь", "Боденское озеро", "Курильские острова": a
      // capitalised adjective before a place head names the place. Above the tagger (4), which
      // reads an unknown adjective + "бульвару" as an organisation.
      if (info.cap && info.cyr && next && i + 1 < s.last && !next.cap && info.parses.some((p) => p.pos === 'ADJF' && p.score >= 0.2)) {
        const head = placeHeads.matchAt(infos, i + 1, s.last);
        if (head && head.first === i + 1 && POST_HEAD_SUBTYPES.has(head.entry.subtype ?? '')) {
          push(i, head.last, PRIORITY.PLACE_BY_HEAD, { subtype: head.entry.subtype === 'street' ? 'street' : 'place' });
          i = head.last - 1;
          continue;
        }
      }
      // "Республика Татарстан", "Республики Казахстан" (a lexicon place after it extends the match above).
      if (info.cap && info.keys.has('республика') && next && i + 1 < s.last && next.cap && next.token.kind === 'word') {
        // "Республики Узбекистан": the lexicon country after it gives the reference.
        const country = locations.matchAt(infos, i + 1, i + 2);
        push(i, i + 2, PRIORITY.RULE, { subtype: 'country', ...(country && country.last === i + 2 ? { ref: country.entry.id } : {}) });
        i++;
        continue;
      }
      if (geoxNoun(info)) {
        // A capitalised adjective before it belongs to the name ("Северная Осетия").
        const prev = infos[i - 1];
        const withAdj = i > s.first && prev !== undefined && prev.cap && i - 1 !== s.first && prev.parses.some((p) => p.pos === 'ADJF' && p.tags.has('Geox'));
        push(withAdj ? i - 1 : i, i + 1, PRIORITY.WEAK_RULE);
        continue;
      }
      // The name after a place head: "реки Славянки" -> Славянка, "город Актобе", "г. Тараз"; a street
      // keeps its head ("на улице Абая" -> улица Абая: the name stays in its own case).
      const hm = !info.cap || i === s.first ? placeHeads.matchAt(infos, i, s.last) : undefined;
      if (hm) {
        let j = hm.last;
        if (infos[j]?.token.text === '.') j++;
        // "г.", "ул." only with their dot: "с Францией" is a preposition, "пр" a particle.
        else if (info.token.norm.length <= 3 && hm.entry.name !== info.lower) continue;
        if (infos[j] && locations.matchAt(infos, j, s.last)) continue; // the lexicon names it (next token)
        const name = infos[j];
        if (name && j < s.last && name.cap && name.token.kind === 'word' && !name.upper && name.token.norm.length >= 2) {
          const subtype = hm.entry.subtype ?? 'place';
          // "на улицы Ливерпуля", "с улиц Бангкока": the streets of a town the dictionary knows, not a street.
          if (subtype === 'street' && hasKnownTag(name, 'Geox') && placeOutweighsName(name)) continue;
          // "мэр города Лужков": a surname in the nominative after a head in another case is the
          // person holding the post, not the town (a town agrees: "города Лужки" has no such reading).
          if (subtype !== 'street' && personAfterHead(info, name)) continue;
          // Above the tagger (4): after a place head the name is a place, whatever the tagger says
          // ("селе [Кировка]" is no person), and a street keeps its head ("улице [Абая]").
          if (subtype === 'street') push(i, j + 1, PRIORITY.PLACE_BY_HEAD, { subtype, norm: `${hm.entry.name} ${name.token.text}` });
          else push(j, j + 1, PRIORITY.PLACE_BY_HEAD, { subtype });
          i = j;
        }
      }
    }
  }
  return out;
}
