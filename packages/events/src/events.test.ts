import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ClaimMadeData,
  DomainEventSchema,
  deterministicUuid,
  documentIdOf,
  EVENT_TYPES,
  EventWithdrawnData,
  eventDefinitions,
  eventIdFor,
  FACT_EVENT_TYPES,
  InvalidEventError,
  IsoDay,
  isRealDay,
  isValidBy,
  MeetingProposedData,
  parseEvent,
  UnknownEventError,
  type Upcasters,
  upcastEvent,
  validDayOf,
} from './index.ts';

const source = {
  documentId: documentIdOf('Putin said Ukrainian forces must stop the shelling.'),
  url: 'https://example.org/a',
  publisher: 'Example',
  publishedAt: '2019-08-07',
  title: 'A title',
};

const claim = {
  source,
  quote: 'Ukrainian forces must stop the shelling',
  span: { start: 11, end: 50 },
  extractor: { name: 'rule-extractor', version: '1.0.0' },
  confidence: 0.8,
  speaker: 'putin',
  side: 'russia',
  topic: 'civilian_harm',
  stance: 'demand',
  text: 'Russia demands that Ukrainian forces stop the shelling.',
  madeOn: '2019-08-07',
};

describe('event schemas', () => {
  it('accepts a ClaimMade with its provenance block', () => {
    expect(DomainEventSchema.parse({ type: 'ClaimMade', data: claim }).type).toBe('ClaimMade');
  });

  it('names the field that is wrong', () => {
    const r = ClaimMadeData.safeParse({ ...claim, stance: 'maybe', madeOn: '2019-02-30' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['stance', 'madeOn']));
  });

  it('rejects a span that ends before it starts', () => {
    const r = ClaimMadeData.safeParse({ ...claim, span: { start: 10, end: 5 } });
    expect(r.error?.issues[0]?.path).toEqual(['span', 'end']);
  });
});

const typed = ClaimMadeData.parse(claim);

describe('one module per event type', () => {
  it('derives the union schema, the fact types and the withdrawal enum from the definitions', () => {
    expect(EVENT_TYPES).toEqual(Object.keys(eventDefinitions));
    // A confirmation is undone by withdrawing it, so the withdrawal enum names it beside the facts.
    expect(EventWithdrawnData.shape.withdrawn.shape.type.options).toEqual([...FACT_EVENT_TYPES, 'FactConfirmed']);
    for (const type of EVENT_TYPES) {
      const def = eventDefinitions[type];
      expect(def.type).toBe(type);
      expect(def.version).toBeGreaterThan(0);
      // The union schema knows every type: an unknown field value is refused under that type.
      expect(DomainEventSchema.safeParse({ type, data: {} }).success).toBe(false);
    }
    expect(DomainEventSchema.safeParse({ type: 'Nope', data: {} }).success).toBe(false);
  });

  it("makes a claim's day and wording part of its identity, so a correction of only those is a new event", () => {
    const base = { type: 'ClaimMade', data: typed } as const;
    const id = eventIdFor(source.documentId, base);
    expect(eventIdFor(source.documentId, base)).toBe(id);
    expect(eventIdFor(source.documentId, { ...base, data: { ...typed, madeOn: '2019-08-06' } })).not.toBe(id);
    expect(
      eventIdFor(source.documentId, { ...base, data: { ...typed, text: 'Russia demands an end to the shelling.' } }),
    ).not.toBe(id);
  });

  it('gives each event its valid day from its own definition; a withdrawal applies to every day', () => {
    const recorded = new Date('2025-01-02T10:00:00Z');
    expect(validDayOf({ type: 'ClaimMade', data: typed }, recorded)).toBe('2019-08-07');
    expect(
      validDayOf(
        { type: 'ClaimMade', data: { ...typed, madeOn: null, source: { ...source, publishedAt: null } } },
        recorded,
      ),
    ).toBe('2025-01-02');
    const withdrawal = {
      type: 'EventWithdrawn',
      data: {
        eventId: '00000000-0000-4000-8000-000000000000',
        documentId: source.documentId,
        reason: 'x',
        by: 'ana',
        withdrawn: { type: 'ClaimMade', side: null, topic: null, speaker: null },
      },
    } as const;
    expect(isValidBy(withdrawal, recorded, '2014-01-01')).toBe(true);
    expect(isValidBy({ type: 'ClaimMade', data: typed }, recorded, '2019-08-06')).toBe(false);
  });
});

describe('the one check of an event', () => {
  it('refuses days that are not real or not in a sane range (PostgreSQL has no year 0)', () => {
    for (const day of ['0000-01-01', '1899-12-31', '2101-01-01', '2019-02-30'])
      expect(IsoDay.safeParse(day).success, day).toBe(false);
    for (const day of ['1900-01-01', '2019-08-07', '2100-12-31']) expect(IsoDay.safeParse(day).success, day).toBe(true);
  });

  it('takes a day for real exactly when a Date reads it back as itself', () => {
    const byDate = (s: string) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    const days = ['', '2019-1-01', '+275760-09', '2019-01-01T00', ' 2019-01-01', '2019-01-01\n'];
    for (const year of ['0000', '0004', '0100', '1600', '1899', '1900', '1996', '2000', '2019', '2100', '2400', '9999'])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) days.push(`${year}-${two(month)}-${two(day)}`);
    for (const day of days) expect(isRealDay(day), day).toBe(byDate(day));
  });

  it('names the field of an event that does not fit its schema, the same on writing as on reading', () => {
    let write: unknown = null;
    try {
      parseEvent('ClaimMade', { ...claim, madeOn: '0000-01-01' });
    } catch (err) {
      write = err;
    }
    expect(write).toBeInstanceOf(InvalidEventError);
    expect((write as InvalidEventError).field).toBe('madeOn');
    expect(() => upcastEvent('ClaimMade', 1, { ...claim, madeOn: '0000-01-01' })).toThrow(/madeOn/);
  });

  it('refuses a meeting whose window runs backwards', () => {
    const meeting = {
      ...claim,
      proposer: null,
      proposerSide: 'ukraine',
      participants: ['russia', 'ukraine'],
      level: 'leaders',
      location: null,
      timeframe: null,
      window: { from: '2019-09-30', to: '2019-09-01' },
    };
    const r = MeetingProposedData.safeParse(meeting);
    expect(r.error?.issues[0]?.path).toEqual(['window', 'to']);
  });
});

describe('schema versions and upcasting', () => {
  it('reads an event of the current version as is', () => {
    expect(upcastEvent('ClaimMade', 2, claim)).toEqual({ type: 'ClaimMade', data: claim });
  });

  it('reads a fact stored before confidence was recorded: unknown for the extractor, certain for an analyst', () => {
    const { confidence, ...v1 } = claim;
    expect(confidence).toBe(0.8);
    expect(upcastEvent('ClaimMade', 1, v1)).toEqual({ type: 'ClaimMade', data: { ...v1, confidence: null } });
    const byAnalyst = { ...v1, extractor: { name: 'analyst', version: 'ana' } };
    expect(upcastEvent('ClaimMade', 1, byAnalyst)).toEqual({
      type: 'ClaimMade',
      data: { ...byAnalyst, confidence: 1 },
    });
    expect(() => upcastEvent('ClaimMade', 2, v1)).toThrow(/confidence/);
  });

  it('upgrades an older version one step at a time before validating', () => {
    // A hypothetical history: v1 called the speaker `who`; v2 packed topic and stance into `what`; v3 is today's shape.
    const chain: Upcasters = {
      ClaimMade: {
        1: ({ who, ...rest }) => ({ ...rest, speaker: who, what: `${rest.topic}/${rest.stance}` }),
        2: ({ what, ...rest }) => {
          const [topic, stance] = String(what).split('/');
          return { ...rest, topic, stance };
        },
      },
    };
    const { speaker, ...rest } = claim;
    const storedV1 = { ...rest, who: speaker };
    const read = upcastEvent('ClaimMade', 1, storedV1, { upcasters: chain, currentVersions: { ClaimMade: 3 } });
    expect(read).toEqual({ type: 'ClaimMade', data: claim });
  });

  it('refuses a version with no upcaster, a newer version, and an unknown type', () => {
    expect(() => upcastEvent('ClaimMade', 1, claim, { currentVersions: { ClaimMade: 3 } })).toThrow(UnknownEventError);
    expect(() => upcastEvent('ClaimMade', 3, claim)).toThrow(/newer than this code knows/);
    expect(() => upcastEvent('Nope', 1, {})).toThrow(/unknown event type/);
  });
});

describe('ids', () => {
  it('derives the same uuid from the same input, and a different one otherwise', () => {
    const a = deterministicUuid('ns', 'x');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('ns', 'x')).toBe(a);
    expect(deterministicUuid('ns', 'y')).not.toBe(a);
  });

  it('are the SHA-1 of the namespace, a NUL and the name, as they always were (the ids stored depend on it)', () => {
    const before = (namespace: string, name: string) => {
      const h = createHash('sha1').update(namespace).update('\u0000').update(name).digest();
      h[6] = (h[6]! & 0x0f) | 0x50;
      h[8] = (h[8]! & 0x3f) | 0x80;
      const x = h.subarray(0, 16).toString('hex');
      return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
    };
    const names = [
      '',
      'x',
      'ClaimMade|russia|ceasefire|demand|2024-03-01',
      'ünïcödé — “quoted” 🕊️',
      '\u0000',
      'a'.repeat(5000),
    ];
    for (let i = 0; i < 2000; i++) names.push(`${i}|${String.fromCharCode(32 + (i % 2000))}|${i * 7919}`);
    for (const ns of ['claims-tracker/fact-groups/v1', 'claims-tracker/events/v1', '', 'ns'])
      for (const name of names) expect(deterministicUuid(ns, name)).toBe(before(ns, name));
    expect(deterministicUuid('ns', 'x')).toBe('241cc3ff-99ff-5b24-b8d1-ecc760007e30');
  });
});
