import type { BuildOptions } from 'esbuild';

export declare const CLI_ENTRIES: Record<string, string>;
export declare function nodeBundleOptions(entryPoints: Record<string, string>, outdir: string, options?: { external?: boolean }): BuildOptions;
export declare function cliBundle(): Promise<string>;
