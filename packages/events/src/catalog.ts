import { z } from 'zod';
import type { EventDefinition, FactDefinition } from './definition.ts';
import { agreementReported } from './types/agreement-reported.ts';
import { articleRegistered } from './types/article-registered.ts';
import { claimMade } from './types/claim-made.ts';
import { eventWithdrawn } from './types/event-withdrawn.ts';
import { factConfirmed } from './types/fact-confirmed.ts';
import { meetingProposed } from './types/meeting-proposed.ts';

/**
 * The facts: events an article (or an analyst) states, which can be withdrawn. Adding
 * one is a module in `types/` and a line here; everything else is derived
 * (docs/contributing.md, "Adding an event type").
 */
const facts = {
  ClaimMade: claimMade,
  MeetingProposed: meetingProposed,
  AgreementReported: agreementReported,
} as const satisfies Record<string, FactDefinition>;

export type FactEventType = keyof typeof facts;
export const FACT_EVENT_TYPES = Object.keys(facts) as [FactEventType, ...FactEventType[]];

/** Every event type the tracker writes, each with its schema, version, upcasters, identity and valid day. */
export const eventDefinitions = {
  ArticleRegistered: articleRegistered,
  ...facts,
  FactConfirmed: factConfirmed(FACT_EVENT_TYPES),
  // A confirmation is withdrawn like a fact (that is how it is undone), so the withdrawal names it too.
  EventWithdrawn: eventWithdrawn([...FACT_EVENT_TYPES, 'FactConfirmed'] as const),
} as const satisfies Record<string, EventDefinition>;

type Definitions = typeof eventDefinitions;
export type EventType = keyof Definitions;
export const EVENT_TYPES = Object.keys(eventDefinitions) as [EventType, ...EventType[]];

export type EventData<T extends EventType> = z.output<Definitions[T]['schema']>;

/** A domain event as the extractor and services see it: a type and its data. */
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type FactEvent = Extract<DomainEvent, { type: FactEventType }>;
export type ClaimMade = Extract<DomainEvent, { type: 'ClaimMade' }>;
export type MeetingProposed = Extract<DomainEvent, { type: 'MeetingProposed' }>;
export type AgreementReported = Extract<DomainEvent, { type: 'AgreementReported' }>;
export type ArticleRegistered = Extract<DomainEvent, { type: 'ArticleRegistered' }>;
export type EventWithdrawn = Extract<DomainEvent, { type: 'EventWithdrawn' }>;
export type FactConfirmed = Extract<DomainEvent, { type: 'FactConfirmed' }>;
/** What a withdrawal can name: a fact, or a confirmation of one. */
export type WithdrawableEventType = FactEventType | 'FactConfirmed';

export const EventWithdrawnData = eventDefinitions.EventWithdrawn.schema;
export type EventWithdrawnData = EventData<'EventWithdrawn'>;

export const isEventType = (t: string): t is EventType => Object.hasOwn(eventDefinitions, t);
export const isFactEventType = (t: string): t is FactEventType => Object.hasOwn(facts, t);

/** The definition of one type, typed loosely: for code that handles every type alike. */
export const definitionOf = (type: EventType): EventDefinition => eventDefinitions[type] as EventDefinition;
export const factDefinitionOf = (type: FactEventType): FactDefinition => facts[type] as FactDefinition;

/** The version of an event type that this code writes. */
export const currentVersion = (type: EventType): number => eventDefinitions[type].version;

/** The zod schema of one `{ type, data }` event of the current version, for validation at the edges. */
export const DomainEventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) => z.object({ type: z.literal(type), data: eventDefinitions[type].schema })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<EventType>; data: z.ZodType }>,
  ],
) as unknown as z.ZodType<DomainEvent>;

/**
 * The valid-time day of an event: the day it speaks of (a fact's madeOn, else its article's
 * publication day; an article's publication day), else the day it was recorded.
 */
export function validDayOf(event: DomainEvent, recordedAt: Date): string {
  return definitionOf(event.type).validDay(event.data) ?? recordedAt.toISOString().slice(0, 10);
}

/** Whether an event belongs to "as of `day`" on the valid clock (see replay in services/projector). */
export function isValidBy(event: DomainEvent, recordedAt: Date, day: string): boolean {
  return definitionOf(event.type).appliesToEveryDay === true || validDayOf(event, recordedAt) <= day;
}
