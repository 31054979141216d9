/**
 * The export formats and their names, apart from the writers so the page can list
 * them in its menu without loading the writers before a download is asked for.
 */
export const EXPORT_FORMATS = ['json', 'gexf', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Each format's own name, the same in every interface language. */
export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = { json: 'JSON', gexf: 'GEXF', graphml: 'GraphML', csv: 'CSV' };
