/**
 * Counts the non-background pixels of a screenshot, decoding the PNG in the
 * page itself (an <img> drawn to a 2D canvas) so no PNG library is needed.
 */
import type { Page } from 'playwright-core';

export async function countInkPixels(page: Page, png: Buffer): Promise<{ ink: number; total: number; colours: number }> {
  return page.evaluate(async (base64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${base64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      if (r < 235 || g < 235 || b < 235) {
        ink++;
        colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      }
    }
    return { ink, total: img.width * img.height, colours: colours.size };
  }, png.toString('base64'));
}

/** Pixels within `tolerance` (per channel) of a colour such as "#8e44ad". */
export async function countColourPixels(page: Page, png: Buffer, hex: string, tolerance = 24): Promise<number> {
  return page.evaluate(
    async ({ base64, hex, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - target[0]!) <= tolerance && Math.abs(data[i + 1]! - target[1]!) <= tolerance && Math.abs(data[i + 2]! - target[2]!) <= tolerance) count++;
      }
      return count;
    },
    { base64: png.toString('base64'), hex, tolerance },
  );
}
