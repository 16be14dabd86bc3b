import { z } from 'zod';

/**
 * What travels beside an event's data. `eventId` is chosen by the writer (so that
 * retries are idempotent); `recordedAt` is assigned by the store on append.
 */
export const EventMetadata = z.object({
  schemaVersion: z.number().int().positive(),
  correlationId: z.string().min(1).nullable(),
  causationId: z.string().min(1).nullable(),
  /** Who made the write (a token or analyst name), when known. */
  actor: z.string().min(1).nullable().default(null),
});
export type EventMetadata = z.infer<typeof EventMetadata>;
