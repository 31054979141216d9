/**
 * Typed relations between English mentions of one sentence, each with that sentence
 * as evidence. MENTIONED_WITH is left to the graph builder.
 *
 * HOLDS_POSITION: "Tlegen Matkenov, head of the anti-drug department", "anti-drug
 *   department head Tlegen Matkenov", "Kazakhstan's President Kassym-Jomart Tokayev",
 *   "the head of the department, Tlegen Matkenov", "X, who heads the Y".
 * PART_OF: "the anti-drug department of the Interior Ministry", "the Interior
 *   Ministry's anti-drug department" (and "the ministry's ...", once anaphora.ts has
 *   made "ministry" a mention of the ministry named earlier); a city or
 *   region written "Shymkent, Kazakhstan".
 * LOCATED_IN: "Kazakhstan's Interior Ministry", "the police department in Almaty".
 * SEIZED, DISTRIBUTED_VIA, STATED, SENT_REQUEST_TO: cue words in the sentence.
 */
import type { ExtractedRelation } from '../../model/extraction';
import type { RelationType } from '../../model/vocabulary';
import type { Draft } from './draft';
import type { LexiconLayer } from './lexicon-mentions';
import type { EnDocument, EnToken } from './tokens';
import { SPEECH_VERBS } from './words';

const SEIZE = /^(seize|seized|seizing|seizure|confiscate|confiscated|confiscating|confiscation|intercept|intercepted|impound|impounded|recover|recovered|found|find|discover|discovered|uncover|uncovered|detect|detected|withdraw|withdrawn|withdrew|destroy|destroyed|haul)$/;
const DISTRIBUTE = /^(sell|sold|selling|sale|sales|distribute|distributed|distributing|distribution|spread|spreading|advertise|advertised|advertising|advertisement|ad|ads|market|marketed|marketing|traffic|trafficked|trafficking|buy|bought|buying|purchase|purchased|order|ordered|deliver|delivered|delivery|offer|offered|promote|promoted|supply|supplied|via|through|using|smuggle|smuggled|deal|dealing)$/;
const REQUEST_NOUN = /^(request|requests|inquiry|inquiries|enquiry|enquiries|query|queries|petition|appeal|letter)$/;
const REQUEST_VERB = /^(request|requested|ask|asked|appeal|appealed|petition|petitioned|turn|turned|apply|applied)$/;
const HEADS_VERBS: Record<string, string> = { heads: 'head', headed: 'head', leads: 'leader', led: 'leader', runs: 'head', ran: 'head', chairs: 'chairman', chaired: 'chairman', directs: 'director', directed: 'director', manages: 'manager', managed: 'manager', commands: 'commander', commanded: 'commander' };
const AGENT_SUBTYPES = new Set([undefined, 'government_agency', 'international', 'organization']);

export function findRelations(doc: EnDocument, layer: LexiconLayer, drafts: readonly Draft[]): ExtractedRelation[] {
  const { tokens, sentences } = doc;
  const relations: ExtractedRelation[] = [];
  const seen = new Set<string>();
  const index = new Map<Draft, number>(drafts.map((d, i) => [d, i]));
  const at = new Array<Draft | undefined>(tokens.length);
  for (const d of drafts) for (let i = d.first; i < d.last; i++) at[i] ??= d;

  const add = (type: RelationType, source: Draft, target: Draft, props?: Record<string, string>): void => {
    if (source === target) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    const key = `${type}:${s}:${t}`;
    if (seen.has(key)) return;
    seen.add(key);
    const sentence = sentences[tokens[source.first]!.sentence]!;
    const relation: ExtractedRelation = { type, source: s, target: t, evidence: [sentence.start, sentence.end] };
    if (props) relation.props = props;
    relations.push(relation);
  };
  /** The mention that ends right before token i (skipping "the"), if any. */
  const mentionEndingBefore = (i: number): Draft | undefined => {
    const d = at[i - 1];
    return d && d.last === i ? d : undefined;
  };
  /** First mention of the given types starting in [from, to) within one sentence. */
  const firstMentionIn = (from: number, to: number, types: readonly string[]): Draft | undefined => {
    for (let i = from; i < to && i < tokens.length; i++) {
      const d = at[i];
      if (d && d.first === i && types.includes(d.type)) return d;
    }
    return undefined;
  };
  const positionAt = (i: number) => {
    const m = layer.matchAt.get(i);
    return m && m.hits.some((h) => h.kind === 'position') ? m : undefined;
  };
  const positionEndingAt = (i: number) => {
    const m = layer.covering[i - 1];
    return m && m.last === i && m.hits.some((h) => h.kind === 'position') ? m : undefined;
  };
  const holder = ['ORGANIZATION', 'LOCATION'];

  for (const d of drafts) {
    const sentence = sentences[tokens[d.first]!.sentence]!;
    const end = sentence.last;
    if (d.type === 'PERSON') {
      // Title written right before the name: "[Org] head / [Country's] President <name>".
      const titleMatch = d.titleFirst !== undefined ? layer.matchAt.get(d.titleFirst) : positionEndingAt(d.first);
      if (titleMatch && titleMatch.hits.some((h) => h.kind === 'position')) {
        const titleStart = d.titleFirst ?? titleMatch.first;
        const position = d.title ?? wordsOf(tokens, titleMatch.first, titleMatch.last);
        let j = titleStart;
        if (tokens[j - 1]?.key === 'the') j--;
        const org = mentionEndingBefore(j);
        if (org && holder.includes(org.type)) add('HOLDS_POSITION', d, org, { position });
      }
      // Appositive: "<name>, [the] <position> of [the] <org>".
      if (/,/.test(tokens[d.last - 1]!.post) || tokens[d.last]?.text === ',') {
        let j = d.last;
        while (j < end && /^(the|a|an|its|their|former|acting|deputy|interim|then|current)$/.test(tokens[j]!.key) && !positionAt(j)) j++;
        const pos = positionAt(j);
        if (pos && pos.first === j) {
          const target = positionTarget(tokens, pos.last, end, firstMentionIn, holder);
          if (target) add('HOLDS_POSITION', d, target, { position: wordsOf(tokens, d.last, pos.last).replace(/^(the|a|an) /, '') });
        }
        // "<name>, who heads the <org>"
        if (tokens[j]?.key === 'who' && HEADS_VERBS[tokens[j + 1]?.key ?? '']) {
          const target = firstMentionIn(j + 2, Math.min(end, j + 7), holder);
          if (target) add('HOLDS_POSITION', d, target, { position: HEADS_VERBS[tokens[j + 1]!.key]! });
        }
      }
      // "<name> is/was the <position> of <org>"
      if (/^(is|was|has been|serves as|served as)$/.test(tokens[d.last]?.key ?? '')) {
        let j = d.last + 1;
        while (j < end && /^(the|a|an|its|former|acting|deputy)$/.test(tokens[j]!.key) && !positionAt(j)) j++;
        const pos = positionAt(j);
        if (pos) {
          const target = positionTarget(tokens, pos.last, end, firstMentionIn, holder);
          if (target) add('HOLDS_POSITION', d, target, { position: wordsOf(tokens, j, pos.last) });
        }
      }
      // "[the] <position> of [the] <org>[,] <name>"
      for (let j = Math.max(sentence.first, d.first - 12); j < d.first; j++) {
        const pos = positionAt(j);
        if (!pos || tokens[pos.last]?.key !== 'of') continue;
        const target = firstMentionIn(pos.last + 1, Math.min(d.first, pos.last + 8), holder);
        if (target && d.first - target.last <= 1 && (d.first === target.last || tokens[target.last]?.text === ',' || /,/.test(tokens[target.last - 1]!.post))) {
          add('HOLDS_POSITION', d, target, { position: wordsOf(tokens, j, pos.last) });
        }
      }
    }
    if (d.type === 'ORGANIZATION') {
      // "<department> of [the] <org>"
      if (tokens[d.last]?.key === 'of' && !d.ref) {
        let j = d.last + 1;
        if (tokens[j]?.key === 'the') j++;
        const parent = at[j];
        if (parent && parent.first === j && parent.type === 'ORGANIZATION') add('PART_OF', d, parent);
      }
      // "<org>'s <department>"
      const before = mentionEndingBefore(d.first);
      if (before && before.type === 'ORGANIZATION' && tokens[d.first - 1]!.possessive && !d.ref) add('PART_OF', d, before);
      // "Kazakhstan's Interior Ministry"
      if (d.qualifier?.draft) add('LOCATED_IN', d, d.qualifier.draft);
      // "<org> in <place>"
      if (tokens[d.last]?.key === 'in') {
        const place = at[d.last + 1];
        if (place && place.first === d.last + 1 && place.type === 'LOCATION') add('LOCATED_IN', d, place);
      }
    }
    if (d.type === 'LOCATION' && d.subtype !== 'country') {
      // "Shymkent, Kazakhstan"
      if (/^,\s*$/.test(tokens[d.last - 1]!.post)) {
        const country = at[d.last];
        if (country && country.first === d.last && country.type === 'LOCATION' && country.subtype === 'country') add('PART_OF', d, country);
      }
    }
  }

  // Mentions by sentence (drafts are sorted by position).
  const bySentence = new Map<number, Draft[]>();
  for (const d of drafts) {
    const s = tokens[d.first]!.sentence;
    const list = bySentence.get(s) ?? [];
    list.push(d);
    bySentence.set(s, list);
  }
  for (const [sentenceIndex, inSentence] of bySentence) {
    const sentence = sentences[sentenceIndex]!;
    if (inSentence.length < 2) continue;
    const drugs = inSentence.filter((d) => d.type === 'DRUG');
    const orgs = inSentence.filter((d) => d.type === 'ORGANIZATION');
    const cue = (re: RegExp) => {
      for (let i = sentence.first; i < sentence.last; i++) if (re.test(tokens[i]!.key) || re.test(tokens[i]!.lemma)) return i;
      return -1;
    };
    // SEIZED: an agency, a seizure verb and the drugs, with the quantity written before each drug.
    const seize = cue(SEIZE);
    if (seize >= 0 && drugs.length > 0) {
      const agents = orgs.filter((o) => AGENT_SUBTYPES.has(o.subtype));
      const byAgent = agents.find((o) => tokens[o.first - 1]?.key === 'by' || (tokens[o.first - 1]?.key === 'the' && tokens[o.first - 2]?.key === 'by'));
      const beforeVerb = agents.filter((o) => o.last <= seize).pop();
      const agent = byAgent ?? beforeVerb ?? (agents.length === 1 ? agents[0] : undefined);
      if (agent) {
        for (const drug of drugs) {
          const quantity = quantityBefore(tokens, at, drug);
          add('SEIZED', agent, drug, quantity ? { quantity: quantity.norm } : undefined);
        }
      }
    }
    // DISTRIBUTED_VIA: drugs and channels with a cue of selling or spreading.
    const channels = inSentence.filter((d) => d.type === 'CHANNEL');
    if (drugs.length > 0 && channels.length > 0 && cue(DISTRIBUTE) >= 0) {
      for (const drug of drugs) for (const channel of channels) add('DISTRIBUTED_VIA', drug, channel);
    }
    // STATED: "<person> said at <org>", "<person> told <outlet>".
    for (let v = sentence.first; v < sentence.last; v++) {
      const verb = tokens[v]!;
      if (!SPEECH_VERBS.has(verb.key) || !verb.tags.has('Verb')) continue;
      const speaker = speakerOf(tokens, inSentence, v);
      if (!speaker) continue;
      let j = v + 1;
      if (j < sentence.last && at[j]?.type === 'PERSON') j = at[j]!.last;
      let target: Draft | undefined;
      if (j < sentence.last && at[j]?.type === 'ORGANIZATION' && at[j]!.first === j) target = at[j];
      // "said at a briefing in the Interior Ministry": the place of the statement, before any "that" clause.
      for (let k = j; !target && k < Math.min(sentence.last, j + 6); k++) {
        if (tokens[k]!.key === 'that' || /[,;:"“”]/.test(tokens[k - 1]!.post)) break;
        if (!/^(at|during|in|to)$/.test(tokens[k]!.key)) continue;
        target = firstMentionIn(k + 1, Math.min(sentence.last, k + 6), ['ORGANIZATION']);
      }
      if (target) add('STATED', speaker, target);
    }
    // SENT_REQUEST_TO: "<org> sent requests to <org>", "<org> asked <org>".
    for (let i = sentence.first; i < sentence.last; i++) {
      const t = tokens[i]!;
      let target: Draft | undefined;
      if (REQUEST_NOUN.test(t.key)) {
        for (let k = i + 1; !target && k < Math.min(sentence.last, i + 6); k++) {
          if (tokens[k]!.key === 'to') target = firstMentionIn(k + 1, Math.min(sentence.last, k + 4), ['ORGANIZATION']);
        }
      } else if (REQUEST_VERB.test(t.key) && t.tags.has('Verb')) {
        const k = tokens[i + 1]?.key === 'to' || tokens[i + 1]?.key === 'the' ? i + 2 : i + 1;
        target = firstMentionIn(k, Math.min(sentence.last, k + 3), ['ORGANIZATION']);
      }
      if (!target) continue;
      const source = inSentence.filter((d) => (d.type === 'ORGANIZATION' || d.type === 'PERSON') && d.last <= i && d !== target).pop();
      // "X said that requests were sent to Y" reports the request; X did not send it.
      const reported = source && tokens.slice(source.last, i).some((w) => SPEECH_VERBS.has(w.key) && w.tags.has('Verb'));
      if (source && !reported) add('SENT_REQUEST_TO', source, target);
    }
  }
  return relations;
}

function positionTarget(
  tokens: readonly EnToken[],
  from: number,
  end: number,
  firstMentionIn: (from: number, to: number, types: readonly string[]) => Draft | undefined,
  holder: readonly string[],
): Draft | undefined {
  const link = tokens[from]?.key;
  if (link !== 'of' && link !== 'at' && link !== 'for' && link !== 'in') return undefined;
  // The organisation right after "of", or the one after "the ministry's".
  const first = firstMentionIn(from + 1, Math.min(end, from + 6), holder);
  if (first && tokens[first.last - 1]!.possessive) {
    const owned = firstMentionIn(first.last, first.last + 1, holder);
    if (owned) return owned;
  }
  return first;
}

function quantityBefore(tokens: readonly EnToken[], at: Array<Draft | undefined>, drug: Draft): Draft | undefined {
  let j = drug.first - 1;
  if (tokens[j]?.key === 'of') j--;
  const q = at[j];
  return q && q.type === 'QUANTITY' && q.last === j + 1 ? q : undefined;
}

function speakerOf(tokens: readonly EnToken[], mentions: readonly Draft[], verb: number): Draft | undefined {
  const people = mentions.filter((d) => d.type === 'PERSON');
  const after = people.find((p) => p.first === verb + 1);
  if (after) return after;
  // Right before the verb, or before an appositive that ends right before it
  // ("Matkenov, head of the department, said"); not a person further away.
  const before = people.filter((p) => p.last <= verb).pop();
  if (!before) return undefined;
  if (before.last === verb) return before;
  return /,/.test(tokens[verb - 1]?.post ?? '') && /,/.test(tokens[before.last - 1]?.post ?? '') ? before : undefined;
}

function wordsOf(tokens: readonly EnToken[], first: number, last: number): string {
  return tokens
    .slice(first, last)
    .map((t) => t.text.replace(/[,;:]$/, ''))
    .join(' ')
    .toLowerCase();
}
