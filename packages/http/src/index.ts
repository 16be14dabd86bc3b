/**
 * @claims/http: the one HTTP error kit of ingest, API and auth: one error class
 * (`HttpError`), one JSON envelope (`ErrorResponse`), one `onError` (`handleErrors`),
 * the validation hook of every route (`createRouter`), and the OpenAPI pieces they share.
 */
export { type ErrorBody, type ErrorIssue, ErrorResponse, errorBody, HttpError } from './errors.ts';
export { createRouter, type ErrorMapper, handleErrors, refuseInvalid } from './handler.ts';
export { BEARER_SCHEME, bearerSecurity, errorResponses, registerBearerScheme } from './responses.ts';
export { HttpUrl, storable, unstorable } from './text.ts';
