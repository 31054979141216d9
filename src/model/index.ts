export * from './vocabulary';
export * from './extraction';
export * from './graph-file';
export * from './article';
export * from './errors';
export * from './validate';
