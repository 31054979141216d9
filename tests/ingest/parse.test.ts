import { createHash } from 'node:crypto';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/errors';
import { parseArticle, sha256, toHex, articleId, MAX_ARTICLE_BYTES } from '../../src/ingest';
import { collectArticleFiles, readArticleFile } from '../../src/ingest/files';

const SEED = new URL('../../graph-data/articles/000_85c1dee59fd444ef.txt', import.meta.url).pathname;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseArticle on the seed article', () => {
  it('reads the markdown header and keeps offsets into the whole text', async () => {
    const article = await readArticleFile(SEED);
    expect(article.title).toBe('5 наркогруппировок ликвидировали в Казахстане');
    expect(article.published).toBe('2019-11-01T05:57:00+00:00');
    expect(article.author).toBe('Ботагоз Айтжанова');
    expect(article.source).toEqual({
      name: 'Tengrinews.kz',
      url: 'https://tengrinews.kz/kazakhstan_news/5-narkogruppirovok-likvidirovali-v-kazahstane-383023/',
    });
    expect(article.lang).toBe('ru');
    expect(article.text.slice(article.bodyStart)).toMatch(/^Деятельность пяти организованных преступных групп/);
    expect(article.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same id to the same text, whatever the encoding or BOM it came in', async () => {
    const seed = await readArticleFile(SEED);
    const withBom = parseArticle(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(seed.text)]));
    const cp1251 = parseArticle(new Uint8Array(iconv.encode(seed.text, 'win1251')), { file: 'seed-1251.txt' });
    expect(withBom.id).toBe(seed.id);
    expect(withBom.text).toBe(seed.text);
    expect(cp1251.text).toBe(seed.text);
    expect(cp1251.id).toBe(seed.id);
    expect(parseArticle(seed.text + ' ').id).not.toBe(seed.id);
  });
});

describe('parseArticle on other inputs', () => {
  it('takes the first line of a plain text as its title', () => {
    const article = parseArticle('\n  Полиция задержала курьера  \nВ Алматы задержан курьер.\n', { file: 'a.txt' });
    expect(article.title).toBe('Полиция задержала курьера');
    expect(article.text.slice(article.bodyStart)).toBe('В Алматы задержан курьер.\n');
    expect(article.published).toBeUndefined();
  });

  it('accepts a markdown title without header lines', () => {
    const article = parseArticle('# Police seize heroin\n\nPolice in Almaty seized 5 kg of heroin.');
    expect(article.title).toBe('Police seize heroin');
    expect(article.lang).toBe('en');
    expect(article.text.slice(article.bodyStart)).toBe('Police in Almaty seized 5 kg of heroin.');
  });

  it('cuts a paragraph-long first line to a readable title', () => {
    const article = parseArticle(`${'слово '.repeat(100)}\nтело`);
    expect(article.title.length).toBeLessThanOrEqual(200);
    expect(article.title.endsWith('…')).toBe(true);
  });

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['whitespace only', utf8(' \n\t\r\n  '), /only whitespace/],
    ['a BOM and nothing else', new Uint8Array([0xef, 0xbb, 0xbf]), /empty/],
    ['binary', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not text|binary/],
    ['UTF-8 with NUL bytes', utf8('abc\u0000def'), /binary/],
    ['Latin-1 text (not UTF-8, not Russian)', new Uint8Array(iconv.encode('Café crème brûlée à la française, où ça?', 'latin1')), /neither UTF-8 nor Windows-1251/],
  ])('refuses %s with an InputError naming the input', (_label, bytes, message) => {
    const attempt = () => parseArticle(bytes, { file: 'bad/input.txt' });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/bad\/input\.txt/);
  });

  it('reads header values written without bold and a bare source link, so none of them becomes prose', () => {
    const text = '# Title\n\nPublished at: 2026-11-02\nAuthor: Анна Петрова\nOriginal: https://news.example.org/a/1\n\nBody text.';
    const article = parseArticle(text);
    expect(article.published).toBe('2026-11-02');
    expect(article.author).toBe('Анна Петрова');
    expect(article.source).toEqual({ name: '', url: 'https://news.example.org/a/1' });
    expect(text.slice(article.bodyStart)).toBe('Body text.');
    // Bold and a named link still read as before, without the asterisks.
    const bold = parseArticle('# T\n\nPublished at: **2019-11-01**\nAuthor: **Иван Сидоров**\nOriginal: [Site](https://site.example/x)\n\nBody.');
    expect([bold.published, bold.author, bold.source]).toEqual(['2019-11-01', 'Иван Сидоров', { name: 'Site', url: 'https://site.example/x' }]);
  });

  it('refuses an input over 20 MB', () => {
    const big = new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61);
    expect(() => parseArticle(big, { file: 'big.txt' })).toThrow(/big\.txt is too large/);
  });
});

describe('article files', () => {
  it('names a missing path', async () => {
    await expect(readArticleFile('/nonexistent/dir/article.md')).rejects.toThrow(/\/nonexistent\/dir\/article\.md does not exist/);
  });

  it('refuses a 20 MB file before reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-ingest-'));
    const path = join(dir, 'huge.txt');
    await writeFile(path, Buffer.alloc(MAX_ARTICLE_BYTES + 10, 0x61));
    await expect(readArticleFile(path)).rejects.toThrow(/huge\.txt is too large/);
  });

  it('collects .md and .txt files recursively, sorted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-collect-'));
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'b.md'), 'x');
    await writeFile(join(dir, 'a.txt'), 'x');
    await writeFile(join(dir, 'image.png'), 'x');
    await writeFile(join(dir, 'sub', 'deeper', 'c.TXT'), 'x');
    const files = await collectArticleFiles([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.txt', 'b.md', 'sub/deeper/c.TXT']);
  });
});

describe('sha256', () => {
  it('matches node:crypto on inputs around the block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + 7) % 256);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
    expect(articleId('абв')).toBe(createHash('sha256').update('абв', 'utf8').digest('hex').slice(0, 16));
  });
});
