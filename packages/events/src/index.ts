/**
 * @claims/events: the tracker's events, one module each in `types/` (schema, version,
 * upcasters, identity, valid day, what a withdrawal names), the catalog derived from
 * them, their provenance block, the one check every event passes, and upcasting.
 */

export * from './catalog.ts';
export * from './definition.ts';
export * from './ids.ts';
export * from './metadata.ts';
export * from './provenance.ts';
export * from './types/agreement-reported.ts';
export * from './types/article-registered.ts';
export * from './types/claim-made.ts';
export * from './types/fact-confirmed.ts';
export * from './types/meeting-proposed.ts';
export * from './upcasting.ts';
export * from './validation.ts';
