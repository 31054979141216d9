export { resolveWithinDocument, representativeName } from './within-document';
export { entityKey } from './keys';
export { transliterate, latinMatchKey } from './translit';
export { foldName, nameWords, nameKey, isAcronym, isAbbreviationOf, initials, personName, orgCoreWords } from './names';
