/** Isomorphic article parsing (browser-safe). Node file reading lives in ./files. */
export { parseArticle, MAX_TITLE_LENGTH, type ParseOptions } from './parse';
export { decodeArticleBytes, checkText, MAX_ARTICLE_BYTES, type DecodedText } from './decode';
export { articleId, sha256, toHex } from './sha256';
