/**
 * The extraction core's resource loader for the browser: resource names map to
 * URLs under resources/ (served and copied by vite.config.ts), fetched on first
 * use only, so the dictionaries download when the first article is added.
 */
import type { ExtractorResources, ResourceKind } from '../../extract/resources';

export function fetchResources(base: string, onFetch?: (name: string) => void): ExtractorResources {
  return {
    async load(name: string, kind: ResourceKind) {
      if (!/^(az|lexicons|models)\/[\w./-]+$/.test(name) || name.includes('..')) {
        throw new Error(`resources: unknown resource ${JSON.stringify(name)}`);
      }
      onFetch?.(name);
      const response = await fetch(new URL(`resources/${name}`, base));
      if (!response.ok) throw new Error(`resources: ${name}: HTTP ${response.status}`);
      return kind === 'json' ? ((await response.json()) as unknown) : await response.arrayBuffer();
    },
  };
}
