import { z } from 'zod';
import {
  AgreementReportedData,
  ArticleRegisteredData,
  ClaimMadeData,
  EventWithdrawnData,
  MeetingProposedData,
} from './facts.ts';

/**
 * Every event type the tracker writes, with the schema of its current version.
 * Bump `version` when a schema changes and add an upcaster from the old version
 * (see upcasting.ts), so that events already in the log still read.
 */
export const eventCatalog = {
  ArticleRegistered: { version: 1, schema: ArticleRegisteredData },
  ClaimMade: { version: 1, schema: ClaimMadeData },
  MeetingProposed: { version: 1, schema: MeetingProposedData },
  AgreementReported: { version: 1, schema: AgreementReportedData },
  EventWithdrawn: { version: 1, schema: EventWithdrawnData },
} as const;

export type EventType = keyof typeof eventCatalog;
export const EVENT_TYPES = Object.keys(eventCatalog) as EventType[];
export const FACT_EVENT_TYPES = ['ClaimMade', 'MeetingProposed', 'AgreementReported'] as const;
export type FactEventType = (typeof FACT_EVENT_TYPES)[number];

export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]['schema']>;

/** A domain event as the extractor and services see it: a type and its data. */
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type FactEvent = Extract<DomainEvent, { type: FactEventType }>;
export type ClaimMade = Extract<DomainEvent, { type: 'ClaimMade' }>;
export type MeetingProposed = Extract<DomainEvent, { type: 'MeetingProposed' }>;
export type AgreementReported = Extract<DomainEvent, { type: 'AgreementReported' }>;
export type ArticleRegistered = Extract<DomainEvent, { type: 'ArticleRegistered' }>;
export type EventWithdrawn = Extract<DomainEvent, { type: 'EventWithdrawn' }>;

export const isEventType = (t: string): t is EventType => Object.hasOwn(eventCatalog, t);

/** The zod schema of one `{ type, data }` event of the current version, for validation at the edges. */
export const DomainEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ArticleRegistered'), data: ArticleRegisteredData }),
  z.object({ type: z.literal('ClaimMade'), data: ClaimMadeData }),
  z.object({ type: z.literal('MeetingProposed'), data: MeetingProposedData }),
  z.object({ type: z.literal('AgreementReported'), data: AgreementReportedData }),
  z.object({ type: z.literal('EventWithdrawn'), data: EventWithdrawnData }),
]);
