import * as crypto from 'node:crypto';
import { type DomainEvent, definitionOf } from './catalog.ts';

/** SHA-1 of a string's UTF-8 bytes. One-shot `crypto.hash` (node 20.12 on) where there is one: a Hash object each took twice as long. */
const sha1: (data: string) => Buffer =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (data) => (crypto as unknown as { hash(a: string, d: string, e: 'buffer'): Buffer }).hash('sha1', data, 'buffer')
    : (data) => crypto.createHash('sha1').update(data).digest();

/**
 * A deterministic UUID (v5 layout, SHA-1 of a namespace and a name). Event ids of
 * extracted facts derive from the article's content hash and what was extracted,
 * so ingesting the same article twice yields the same ids and appends nothing.
 */
export function deterministicUuid(namespace: string, name: string): string {
  const h = sha1(`${namespace}\u0000${name}`);
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.toString('hex', 0, 16);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The document id of a normalised article text: `sha256:<hex>`. */
export function documentIdOf(normalisedText: string): `sha256:${string}` {
  return `sha256:${crypto.createHash('sha256').update(normalisedText, 'utf8').digest('hex')}`;
}

/** The stream that holds an article's registration and every fact extracted from it. */
export const articleStream = (documentId: string): string => `article-${documentId.replace(/^sha256:/, '')}`;

/** Namespace of the tracker's deterministic event ids. */
const EVENT_ID_NAMESPACE = 'claims-tracker/events/v1';

/**
 * The id of an event about an article, from the article's content hash and the fields
 * its type names as its identity (types/<type>.ts): ingesting the same article twice
 * produces the same ids, so the store's idempotency turns a repeat into a no-op.
 */
export const eventIdFor = (documentId: string, event: DomainEvent): string =>
  deterministicUuid(
    EVENT_ID_NAMESPACE,
    `${documentId}|${event.type}|${JSON.stringify(definitionOf(event.type).identity(event.data))}`,
  );
