/** The `kg eval --events` table: detection per subtype, roles, dates, per split, with issue 12's targets. */
import { EVENT_ROLES, EVENT_SUBTYPES } from '../model/vocabulary';
import { f1, sumCounts, type Counts, type EventCounts } from './events';
import type { EventEvalReport } from './events-run';

export const EVENT_TARGETS = { detection: 0.8, roles: 0.7, datesToMonth: 0.9, mergeAcrossLanguages: 0.9 } as const;

const pct = (n: number) => n.toFixed(3);

function row(name: string, c: Counts): string {
  const s = f1(c);
  return `${name.padEnd(14)}${pct(s.precision).padStart(7)}${pct(s.recall).padStart(7)}${pct(s.f1).padStart(7)}${String(c.tp + c.fn).padStart(6)}${String(c.tp + c.fp).padStart(6)}`;
}

function block(title: string, counts: EventCounts): string[] {
  const detection = sumCounts(Object.values(counts.detection));
  const roles = sumCounts(Object.values(counts.roles));
  const dates = counts.dates.of === 0 ? 'n/a' : `${pct(counts.dates.correct / counts.dates.of)} (${counts.dates.correct} of ${counts.dates.of} matched events)`;
  const mark = (value: number, target: number) => (value >= target ? 'ok' : 'MISSED');
  const out = [
    title,
    `${''.padEnd(14)}${'P'.padStart(7)}${'R'.padStart(7)}${'F1'.padStart(7)}${'gold'.padStart(6)}${'found'.padStart(6)}`,
    `${row('events', detection)}   target F1 >= ${EVENT_TARGETS.detection}: ${mark(f1(detection).f1, EVENT_TARGETS.detection)}`,
  ];
  for (const s of EVENT_SUBTYPES) {
    const c = counts.detection[s];
    if (c.tp + c.fp + c.fn > 0) out.push(row(`  ${s}`, c));
  }
  out.push(`${row('roles', roles)}   target F1 >= ${EVENT_TARGETS.roles}: ${mark(f1(roles).f1, EVENT_TARGETS.roles)}`);
  for (const r of [...EVENT_ROLES, 'quantity']) {
    const c = counts.roles[r];
    if (c && c.tp + c.fp + c.fn > 0) out.push(row(`  ${r}`, c));
  }
  out.push(`dates to the month: ${dates}${counts.dates.of ? `   target >= ${EVENT_TARGETS.datesToMonth}: ${mark(counts.dates.correct / counts.dates.of, EVENT_TARGETS.datesToMonth)}` : ''}`);
  return out;
}

export function formatEventReport(report: EventEvalReport): string {
  const lines = [
    `Events against the gold set: ${report.articles.dev} dev + ${report.articles.heldout} held-out articles, ${report.events.dev} + ${report.events.heldout} gold events`,
    report.mode === 'cv'
      ? 'mode cv: dev-set (factRuEval) articles extracted by the NER model of the fold that held them out; the seed and the written articles by the shipped extractor'
      : 'mode shipped: every article extracted by the shipped extractor (dev-set articles are its NER training data)',
    'An event is found when an extracted one of the same subtype overlaps its trigger; a role when the matched event has it with an overlapping span.',
    '',
    ...block('dev split (rules may be tuned on it)', report.counts.dev),
    '',
    ...block('held-out split (not read while writing rules)', report.counts.heldout),
    '',
    ...block('all', report.counts.all),
    '',
    `events reported twice (sameAs groups across articles): ${report.sameAsGroups}; merged into one node: not measured yet (events are not merged across articles yet)`,
  ];
  return lines.join('\n');
}
