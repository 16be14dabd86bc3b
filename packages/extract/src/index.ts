/**
 * @claims/extract: the rule-based article extractor. `extractArticle` turns an article
 * (text, markdown or HTML) into ClaimMade, MeetingProposed and AgreementReported events,
 * each tied to the exact words it came from, driven by a negotiation profile.
 */
export { ExtractError } from './errors.ts';
export { EXTRACTOR, type ExtractedArticle, type ExtractOptions, extractArticle } from './extract.ts';
export { type ArticleInput, type ArticleMetadata, MAX_INPUT_CHARS, normaliseArticle } from './normalise.ts';
export { materiallyDifferent, termsOf } from './terms.ts';
