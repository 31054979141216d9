/**
 * The Russian extractor on sentences written for these tests (not from the seed):
 * other people, agencies, drugs, channels, inflections, values and relations.
 * Rules only, so the behaviour does not move when the NER model is retrained.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { byText, norms, relationsOf, rulesExtractor } from './helpers';

let ex: Extractor;
beforeAll(async () => {
  ex = await rulesExtractor();
}, 60_000);

describe('people', () => {
  it('puts names in every case into the nominative', () => {
    const cases: Array<[string, string, string]> = [
      ['Встреча с Виктором Януковичем прошла в Киеве.', 'Виктором Януковичем', 'Виктор Янукович'],
      ['Он встретился с Марком Цукербергом.', 'Марком Цукербергом', 'Марк Цукерберг'],
      ['Визит Барака Обамы завершился.', 'Барака Обамы', 'Барак Обама'],
      ['Поздравления Борису Николаевичу Ельцину зачитали.', 'Борису Николаевичу Ельцину', 'Борис Николаевич Ельцин'],
      ['Письмо подписала Людмилой Марковной не она.', 'Людмилой Марковной', 'Людмила Марковна'],
      ['Памятник Юрию Долгорукому открыли.', 'Юрию Долгорукому', 'Юрий Долгорукий'],
      ['Сын Александра Лукашенко приехал.', 'Александра Лукашенко', 'Александр Лукашенко'],
      ['Интервью Ерлана Тургумбаева вышло вчера.', 'Ерлана Тургумбаева', 'Ерлан Тургумбаев'],
    ];
    for (const [sentence, text, norm] of cases) {
      const r = ex.extract(sentence);
      expect(byText(r, text).map((e) => [e.type, e.norm]), sentence).toEqual([['PERSON', norm]]);
    }
  });

  it('gives women their feminine surname', () => {
    expect(norms(ex.extract('Слово предоставили Анне Смирновой.'), 'PERSON')).toEqual(['Анна Смирнова']);
    expect(norms(ex.extract('Интервью с Ольгой Коваленко и Марией Жуковской.'), 'PERSON')).toEqual(['Ольга Коваленко', 'Мария Жуковская']);
  });

  it('reads a lone surname the way the full name reads it in the same text', () => {
    const r = ex.extract('Министр Ерлан Тургумбаев выступил в понедельник. По словам Тургумбаева, работа продолжится.');
    expect(norms(r, 'PERSON')).toEqual(['Ерлан Тургумбаев', 'Тургумбаев']);
  });

  it('keeps initials and patronymics', () => {
    const r = ex.extract('Т. Маткенов и О. Петренко провели брифинг. Иван Петрович Сидоров промолчал.');
    expect(norms(r, 'PERSON')).toEqual(['Т. Маткенов', 'О. Петренко', 'Иван Петрович Сидоров']);
  });

  it('does not take job titles or capitalised common words for people', () => {
    const r = ex.extract('Президент заявил, что Министр и Начальник управления прибудут позже.');
    expect(norms(r, 'PERSON')).toEqual([]);
  });
});

describe('organisations and places', () => {
  it('inflects the head of a multi-word organisation and keeps its tail', () => {
    const r = ex.extract('Министерством внутренних дел Республики Казахстан возбуждено дело.');
    expect(r.entities[0]).toMatchObject({ type: 'ORGANIZATION', norm: 'Министерство внутренних дел Республики Казахстан', ref: 'org:mvd@loc:kazakhstan' });
  });

  it('tells a ministry from the same ministry of another country', () => {
    const r = ex.extract('Запрос из МВД ушел в МВД Украины, копия в ФСБ России.');
    expect(r.entities.filter((e) => e.type === 'ORGANIZATION').map((e) => [e.norm, e.ref])).toEqual([
      ['МВД', 'org:mvd'],
      ['МВД Украины', 'org:mvd@loc:ukraine'],
      ['ФСБ России', 'org:fsb@loc:russia'],
    ]);
  });

  it('splits a department and its ministry (PART_OF)', () => {
    const r = ex.extract('Управление по борьбе с наркотиками МВД по Алматинской области сообщило о задержании.');
    expect(norms(r, 'ORGANIZATION')).toEqual(['Управление по борьбе с наркотиками', 'МВД по Алматинской области']);
    expect(relationsOf(r, 'PART_OF').map((x) => `${x.source.norm} -> ${x.target.norm}`)).toEqual(['Управление по борьбе с наркотиками -> МВД по Алматинской области']);
  });

  it('finds quoted company names and abbreviations', () => {
    const r = ex.extract('Директор ООО «Северный ветер» дал показания в КНБ.');
    expect(r.entities.map((e) => [e.type, e.norm])).toEqual([
      ['ORGANIZATION', 'Северный ветер'],
      ['ORGANIZATION', 'КНБ'],
    ]);
  });

  it('finds places in any case', () => {
    const r = ex.extract('Партию везли из Афганистана через Таджикистан в Алматы, а затем в Россию и Германию.');
    expect(norms(r, 'LOCATION')).toEqual(['Афганистан', 'Таджикистан', 'Алматы', 'Россия', 'Германия']);
    expect(r.entities.every((e) => e.type !== 'LOCATION' || e.subtype !== undefined)).toBe(true);
  });
});

describe('drugs and channels', () => {
  it('matches every inflected form to one lexicon entry', () => {
    const r = ex.extract('У жителя Шымкента изъяли 2,5 килограмма марихуаны, 300 граммов кокаина и мефедрон.');
    expect(r.entities.filter((e) => e.type === 'DRUG').map((e) => [e.norm, e.ref])).toEqual([
      ['марихуана', 'drug:marijuana'],
      ['кокаин', 'drug:cocaine'],
      ['мефедрон', 'drug:mephedrone'],
    ]);
  });

  it('matches multi-word and hyphenated channels and does not confuse look-alike words', () => {
    const r = ex.extract('Наркотики продавали через WhatsApp, интернет-магазинами и даркнет, оплату принимали в биткоинах на электронные кошельки.');
    expect(r.entities.filter((e) => e.type === 'CHANNEL').map((e) => e.ref)).toEqual([
      'channel:whatsapp',
      'channel:online-shop',
      'channel:darknet',
      'channel:cryptocurrency',
      'channel:payment-system',
    ]);
    // "граммов" is not Instagram, even though az guesses "Инстаграмм" from "грамм".
    expect(ex.extract('Изъяли 300 граммов героина.').entities.some((e) => e.type === 'CHANNEL')).toBe(false);
  });

  it('links a drug to the channel it was sold through', () => {
    const r = ex.extract('Спайс распространяли через Телеграм-каналы.');
    expect(relationsOf(r, 'DISTRIBUTED_VIA').map((x) => `${x.source.ref} -> ${x.target.ref}`)).toEqual(['drug:spice -> channel:telegram']);
  });
});

describe('values', () => {
  it('parses money, quantities and dates', () => {
    const r = ex.extract('Ущерб составил 1,5 млрд рублей, сообщили 12 марта 2020 года. Изъято более 1 200 таблеток и около двух тонн гашиша.');
    expect(byText(r, '1,5 млрд рублей')[0]?.value).toEqual({ kind: 'money', amount: 1_500_000_000, currency: 'RUB' });
    expect(byText(r, '12 марта 2020 года')[0]?.value).toEqual({ kind: 'date', date: '2020-03-12' });
    expect(byText(r, 'более 1 200 таблеток')[0]?.value).toEqual({ kind: 'quantity', amount: 1200, unit: 'tablet', comparator: '>' });
  });

  it('resolves "этого года" against the given publication date', () => {
    const r = ex.extract('В мае этого года задержали курьера.', { referenceDate: '2021-07-03' });
    expect(r.entities.find((e) => e.type === 'DATE')?.value).toEqual({ kind: 'date', date: '2021-05' });
  });
});

describe('relations', () => {
  it('finds who holds which position where', () => {
    const cases: Array<[string, string, string, string]> = [
      ['Министр внутренних дел Казахстана Ерлан Тургумбаев провел совещание.', 'Ерлан Тургумбаев', 'Казахстан', 'министр внутренних дел'],
      ['Глава ФСБ Александр Бортников заявил об угрозе.', 'Александр Бортников', 'ФСБ', 'глава'],
      ['Иван Петрович Сидоров, директор компании «Ромашка», встретился с журналистами.', 'Иван Петрович Сидоров', 'Ромашка', 'директор'],
      ['Президент России Владимир Путин провел переговоры.', 'Владимир Путин', 'Россия', 'президент'],
    ];
    for (const [sentence, who, where, position] of cases) {
      const holds = relationsOf(ex.extract(sentence), 'HOLDS_POSITION');
      expect(holds.map((x) => [x.source.norm, x.target.norm, x.props?.position]), sentence).toEqual([[who, where, position]]);
    }
  });

  it('gives a title named in one sentence to the full name that opens the next', () => {
    const text =
      'Узбекистан ужесточит наказание за сбыт наркотиков. В марте Президент подписал новый закон.\n' +
      'Шавкат Мирзиёев отметил, что закон вступит в силу летом и коснется всех регионов Узбекистана.';
    const holds = relationsOf(ex.extract(text), 'HOLDS_POSITION');
    expect(holds.map((x) => [x.source.norm, x.target.norm, x.props?.position])).toEqual([['Шавкат Мирзиёев', 'Узбекистан', 'президент']]);
    const evidence = ex.extract(text).relations.find((x) => x.type === 'HOLDS_POSITION')!.evidence;
    // The evidence is the title's sentence.
    expect(text.slice(evidence[0], evidence[1])).toBe('В марте Президент подписал новый закон.');
  });

  it('does not give a title to the next sentence when that name has a title of its own, or the title was held before', () => {
    const ownTitle = ex.extract('Генерал сообщил, что председатель КНБ отдал приказ. Алексей Иванов — бывший заместитель министра финансов.');
    expect(relationsOf(ownTitle, 'HOLDS_POSITION').filter((x) => x.target.norm === 'КНБ')).toEqual([]);
    const heldBefore = ex.extract(
      'Глава ФСБ Александр Бортников провел совещание. Глава ФСБ напомнил о рисках.\nНиколай Патрушев заявил, что угроза растет.',
    );
    expect(new Set(relationsOf(heldBefore, 'HOLDS_POSITION').map((x) => x.source.norm))).toEqual(new Set(['Александр Бортников']));
  });

  it('attributes a seizure to the agency named in the sentence, with the quantity', () => {
    const r = ex.extract('Сотрудники КНБ изъяли 40 килограммов героина.');
    expect(relationsOf(r, 'SEIZED').map((x) => [x.source.norm, x.target.norm, x.props?.quantity])).toEqual([['КНБ', 'героин', '40 килограммов']]);
  });
});
