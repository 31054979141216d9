import { describe, expect, it } from 'vitest';
import { latinMatchKey, transliterate } from '../../src/resolve/translit';

describe('transliteration', () => {
  it('writes Russian in Latin letters with the news scheme', () => {
    expect(transliterate('Токаев')).toBe('tokaev');
    expect(transliterate('Жомарт')).toBe('zhomart');
    expect(transliterate('Хабаровск')).toBe('khabarovsk');
    expect(transliterate('Щукин')).toBe('shchukin');
    expect(transliterate('Цой')).toBe('tsoy');
    expect(transliterate('Юлия')).toBe('yuliya');
  });

  it.each([
    ['Токаев', 'Tokayev', 'Tokaev'],
    ['Касым-Жомарт', 'Kassym-Jomart', 'Kasym-Zhomart'],
    ['Маткенов', 'Matkenov', 'Matkenov'],
    ['Казахстан', 'Kazakhstan', 'Kazahstan'],
    ['Дмитрий', 'Dmitry', 'Dmitriy'],
    ['Елена', 'Yelena', 'Elena'],
    ['Алексей', 'Alexey', 'Aleksei'],
    ['Юрий', 'Yuri', 'Yury'],
    ['Айтжанова', 'Aitzhanova', 'Aytzhanova'],
    ['Ёлкин', 'Yolkin', 'Elkin'],
  ])('gives %s, %s and %s one match key', (a, b, c) => {
    expect(latinMatchKey(b)).toBe(latinMatchKey(a));
    expect(latinMatchKey(c)).toBe(latinMatchKey(a));
  });

  it('keeps different names apart', () => {
    expect(latinMatchKey('Маткенов')).not.toBe(latinMatchKey('Маткеев'));
    expect(latinMatchKey('Иванов')).not.toBe(latinMatchKey('Иванова'));
    expect(latinMatchKey('Тлеген')).not.toBe(latinMatchKey('Тлеуберген'));
  });
});

describe('digits in match keys', () => {
  it('folds doubled letters but never doubled digits', () => {
    expect(latinMatchKey('2019-11-01')).toBe('2019-11-01');
    expect(latinMatchKey('1400')).toBe('1400');
    expect(latinMatchKey('Kassym')).toBe(latinMatchKey('Kasym'));
  });
});
