/** Splitting a large paste into parts (runs in Node). */
import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from '../../../src/app/articles/chunks';

describe('splitIntoChunks', () => {
  it('keeps every character, in order, in parts no longer than the limit', () => {
    const text = Array.from({ length: 500 }, (_, i) => `Paragraph ${i}. ${'word '.repeat(i % 40)}`).join('\n\n');
    const parts = splitIntoChunks(text, 2000);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.length).toBeGreaterThan(text.length / 2000);
  });

  it('cuts at paragraph breaks when there are any', () => {
    const text = Array.from({ length: 100 }, (_, i) => `P${i} ${'x'.repeat(50)}`).join('\n\n');
    for (const part of splitIntoChunks(text, 500).slice(0, -1)) expect(part.endsWith('\n\n')).toBe(true);
  });

  it('cuts a text without line breaks at the limit, and handles 5 MB without recursion', () => {
    const text = 'a'.repeat(5_000_000);
    const parts = splitIntoChunks(text, 100_000);
    expect(parts).toHaveLength(50);
    expect(parts.join('').length).toBe(text.length);
  });
});
