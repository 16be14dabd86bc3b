import type { ClaimMade } from '@claims/events';
import { HttpError } from '@claims/http';
import { describe, expect, it } from 'vitest';
import { article } from '../../../tests/support/facts.ts';
import { toStoredEvent } from '../src/index.ts';

const a = article('Kremlin spokesman Dmitry Peskov said that Ukraine must withdraw its troops.', '2024-03-05');
const { documentId, source } = a;
const claim = (
  a.claim('Ukraine must withdraw its troops', {
    side: 'russia',
    topic: 'territory',
    stance: 'demand',
    speaker: 'peskov',
    madeOn: '2024-03-05',
  }) as ClaimMade
).data;
const ctx = { actor: 'test', correlationId: 'c' };

/** Every write path (HTTP, analyst routes, `claims ingest`) builds its events here before appending. */
describe('the write side checks each event against its schema before it is appended', () => {
  it('builds an event that fits, with its deterministic id and version', () => {
    const stored = toStoredEvent(documentId, { type: 'ClaimMade', data: claim }, ctx, null);
    expect(stored.metadata).toMatchObject({ schemaVersion: 2, actor: 'test' });
    expect(toStoredEvent(documentId, { type: 'ClaimMade', data: claim }, ctx, null).id).toBe(stored.id);
  });

  it('refuses one that the projector could not read back with 422 naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...claim, madeOn: '0000-01-01' }, 'madeOn'],
      [{ ...claim, source: { ...source, publishedAt: '2024-02-30' } }, 'source.publishedAt'],
      [{ ...claim, stance: 'maybe' }, 'stance'],
      [{ ...claim, span: { start: 9, end: 3 } }, 'span.end'],
    ];
    for (const [data, field] of cases) {
      let err: unknown = null;
      try {
        toStoredEvent(documentId, { type: 'ClaimMade', data } as never, ctx, null);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(422);
      expect((err as HttpError).field).toBe(field);
    }
  });
});
