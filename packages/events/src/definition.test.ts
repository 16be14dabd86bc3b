import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertNever, type DomainEvent, EVENT_TYPES, type EventDefinition } from './index.ts';

/*
 * What the type checker refuses (`pnpm typecheck` runs over this file): a definition that
 * leaves out what makes an event type, and a switch over the types that misses one.
 */
const Data = z.object({ n: z.number() });

// @ts-expect-error an event type must say which fields make its identity and its valid day
const incomplete: EventDefinition<'Incomplete', typeof Data> = {
  type: 'Incomplete',
  version: 1,
  schema: Data,
  upcasters: {},
};

function describeEvent(e: DomainEvent): string {
  switch (e.type) {
    case 'ArticleRegistered':
      return 'an article';
    case 'ClaimMade':
      return 'a claim';
    case 'MeetingProposed':
      return 'a meeting';
    case 'AgreementReported':
      return 'an agreement';
    case 'EventWithdrawn':
      return 'a withdrawal';
    case 'FactConfirmed':
      return 'a confirmation';
    default:
      return assertNever(e, 'event type');
  }
}

function missesOne(e: DomainEvent): string {
  switch (e.type) {
    case 'ArticleRegistered':
    case 'ClaimMade':
    case 'MeetingProposed':
    case 'AgreementReported':
    case 'FactConfirmed':
      return 'a fact, a confirmation or an article';
    default:
      // @ts-expect-error EventWithdrawn is not handled, so `e` is not `never` here
      return assertNever(e, 'event type');
  }
}

describe('exhaustiveness', () => {
  it('lets a switch that handles every type compile, and throws on a value it was never meant to get', () => {
    expect(EVENT_TYPES.length).toBe(6);
    expect(describeEvent({ type: 'ClaimMade' } as DomainEvent)).toBe('a claim');
    expect(() => missesOne({ type: 'EventWithdrawn' } as DomainEvent)).toThrow(/unexpected event type/);
    expect(incomplete.type).toBe('Incomplete');
  });
});
