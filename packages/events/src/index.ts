/**
 * @claims/events: the tracker's events (ClaimMade, MeetingProposed, AgreementReported,
 * ArticleRegistered, EventWithdrawn), their provenance block, schema versions and upcasting.
 */
export * from './provenance.ts';
export * from './facts.ts';
export * from './catalog.ts';
export * from './upcasting.ts';
export * from './ids.ts';
export * from './metadata.ts';
