/** Isomorphic article parsing (browser-safe). Node file reading lives in ./files. */
export { parseArticle, parseHeader, MAX_TITLE_LENGTH, type ParseOptions, type ArticleHeader, type Span } from './parse';
export { extractArticle, completeArticleExtraction, referenceDateOf } from './extract-article';
export { decodeArticleBytes, checkText, MAX_ARTICLE_BYTES, type DecodedText } from './decode';
export { articleId, sha256, toHex } from './sha256';
