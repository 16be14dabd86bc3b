import { type DomainEvent, deterministicUuid } from '@claims/events';

/** Namespace of the tracker's deterministic event ids. */
const NAMESPACE = 'claims-tracker/events/v1';

/** The fields that make a fact what it is (not its wording in `text`): two extractions of the same fact share an id. */
function identity(event: DomainEvent): unknown {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ArticleRegistered':
      return null;
    case 'ClaimMade':
      return [d.span, d.speaker, d.side, d.topic, d.stance, d.extractor];
    case 'MeetingProposed':
      return [d.span, d.proposer, d.proposerSide, d.participants, d.level, d.extractor];
    case 'AgreementReported':
      return [d.span, d.parties, d.topic, d.extractor];
    case 'EventWithdrawn':
      return [d.eventId, d.by];
  }
}

/**
 * The id of an event about an article, derived from the article's content hash and
 * what was extracted: ingesting the same article twice produces the same ids, so the
 * store's idempotency turns a repeat into a no-op.
 */
export const eventIdFor = (documentId: string, event: DomainEvent): string =>
  deterministicUuid(NAMESPACE, `${documentId}|${event.type}|${JSON.stringify(identity(event))}`);
