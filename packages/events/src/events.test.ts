import { describe, expect, it } from 'vitest';
import {
  ClaimMadeData,
  DomainEventSchema,
  UnknownEventError,
  type Upcasters,
  deterministicUuid,
  documentIdOf,
  upcastEvent,
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

describe('schema versions and upcasting', () => {
  it('reads an event of the current version as is', () => {
    expect(upcastEvent('ClaimMade', 1, claim)).toEqual({ type: 'ClaimMade', data: claim });
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
    expect(() => upcastEvent('ClaimMade', 1, claim, { currentVersions: { ClaimMade: 2 } })).toThrow(UnknownEventError);
    expect(() => upcastEvent('ClaimMade', 2, claim)).toThrow(/newer than this code knows/);
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
});
