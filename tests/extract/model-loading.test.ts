import { describe, expect, it } from 'vitest';
import { createRussianExtractor } from '../../src/extract/ru/extractor';
import { NER_MODEL_RESOURCE } from '../../src/extract/ru/ner/index';
import type { ExtractorResources } from '../../src/extract/resources';
import { nodeResources } from '../../src/node/resources';

/** The shipped resources, with the NER model replaced by `model` (or missing when undefined). */
function withModel(model: unknown): ExtractorResources {
  const real = nodeResources();
  return {
    load(name, kind) {
      if (name !== NER_MODEL_RESOURCE) return real.load(name, kind);
      return model === undefined ? Promise.reject(new Error('not found')) : Promise.resolve(model);
    },
  };
}

describe('the NER model as the extractor loads it', () => {
  it('uses the shipped model', async () => {
    const extractor = await createRussianExtractor(nodeResources());
    expect(extractor.usesNerModel).toBe(true);
  });

  it('falls back to the rules, and says so, when no model is in the build', async () => {
    const extractor = await createRussianExtractor(withModel(undefined));
    expect(extractor.usesNerModel).toBe(false);
    const people = extractor.extract('Министр внутренних дел Владимир Колокольцев провёл совещание.').entities.filter((e) => e.type === 'PERSON');
    expect(people.map((p) => p.norm)).toContain('Владимир Колокольцев');
  });

  it('refuses a broken or outdated model with a clear error instead of silently downgrading', async () => {
    await expect(createRussianExtractor(withModel({ format: 'something else' }))).rejects.toThrow(/ner: /);
  });
});
