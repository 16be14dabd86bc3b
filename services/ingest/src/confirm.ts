import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import { positionToString } from '@claims/eventstore';
import { HttpError } from '@claims/http';
import { appendAfterRead, confirmationsOf, findLiveFact, readArticle, type WriteResult } from './analyst.ts';
import { toStoredEvent, type WriteContext } from './write.ts';

/**
 * Finds which article holds a fact or a confirmation, by its event id alone (what a confirmation or a withdrawal
 * names).
 */
export type FactLocator = (eventId: string) => Promise<{ documentId: string } | null>;

/**
 * The locator the tracker uses: the read models' `fact_sources`, which lists every fact event with
 * its article, and `fact_confirmations` (a confirmation lives in its fact's stream). The stream is
 * then read and checked (the event store is the truth); an event the projector has not reached yet
 * is not found, and the answer says so.
 */
export const readModelFactLocator =
  (db: DatabaseHandle['db']): FactLocator =>
  async (eventId) =>
    (await db
      .selectFrom('fact_sources')
      .select('document_id as documentId')
      .where((eb) =>
        eb.or([
          eb('fact_id', '=', eventId),
          eb(
            'fact_id',
            '=',
            eb.selectFrom('fact_confirmations').select('fact_id').where('confirmation_id', '=', eventId).limit(1),
          ),
        ]),
      )
      .executeTakeFirst()) ?? null;

export interface ConfirmationResult extends WriteResult {
  id: string;
  factId: string;
}

/**
 * An analyst confirms a fact as it stands: a FactConfirmed event in the fact's article stream,
 * signed by whoever the request's token names. 404 naming factId when no such fact is known, 409
 * when it was withdrawn or a confirmation of it still holds (withdraw that one to confirm anew).
 */
export async function confirmFact(
  store: EventStore,
  locate: FactLocator,
  request: { factId: string; note?: string | undefined },
  context: WriteContext,
): Promise<ConfirmationResult> {
  const factId = request.factId.toLowerCase();
  const located = await locate(factId);
  if (!located)
    throw new HttpError(
      404,
      `no claim, meeting or agreement ${request.factId} (a fact just written may not be projected yet)`,
      'factId',
    );
  const { stream, events } = await readArticle(store, located.documentId);
  const fact = findLiveFact(events, factId, 'factId');
  const { count, live } = confirmationsOf(events, factId);
  if (live)
    throw new HttpError(
      409,
      `fact ${request.factId} is already confirmed (by ${String(live.data.by ?? 'an analyst')}, ` +
        `event ${live.id}); withdraw that confirmation to confirm it again`,
      'factId',
    );
  const ctx = { actor: context.actor, correlationId: context.correlationId ?? randomUUID() };
  const confirmation = toStoredEvent(
    located.documentId,
    {
      type: 'FactConfirmed',
      data: {
        factId,
        factType: fact.type,
        documentId: located.documentId,
        by: context.actor,
        note: request.note ?? null,
        round: count,
      },
    },
    ctx,
    fact.id,
  );
  const result = await appendAfterRead(store, stream, events, [confirmation]);
  return {
    id: confirmation.id,
    factId,
    documentId: located.documentId,
    stream,
    eventIds: [confirmation.id],
    duplicate: result.appended === 0,
    position: positionToString(result.position),
  };
}
