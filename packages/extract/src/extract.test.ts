import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgreementReportedData, ClaimMadeData, type FactEvent, MeetingProposedData } from '@claims/events';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractArticle } from './index.ts';

// The seed articles live in the labelled corpus beside the repository; a clone alone skips them.
const SEEDS = join(import.meta.dirname, '../../../../shared/corpus/seeds');
const GOLD = join(import.meta.dirname, '../../../../shared/corpus/gold');
const haveSeeds = existsSync(SEEDS);

const claims = (events: FactEvent[]) => events.flatMap((e) => (e.type === 'ClaimMade' ? [e.data] : []));
const meetings = (events: FactEvent[]) => events.flatMap((e) => (e.type === 'MeetingProposed' ? [e.data] : []));
const agreements = (events: FactEvent[]) => events.flatMap((e) => (e.type === 'AgreementReported' ? [e.data] : []));
const run = (text: string, publishedAt: string | null = null) => extractArticle({ text, publishedAt }).events;

describe.skipIf(!haveSeeds)('seed articles (../shared/corpus)', () => {
  for (const file of haveSeeds ? readdirSync(SEEDS).filter((f) => f.endsWith('.txt')) : []) {
    it(`${file}: valid events whose spans point at their quotes`, () => {
      const gold = JSON.parse(readFileSync(join(GOLD, file.replace(/\.txt$/, '.json')), 'utf8')) as {
        publishedAt: string;
      };
      const r = extractArticle({ text: readFileSync(join(SEEDS, file), 'utf8'), publishedAt: gold.publishedAt });
      expect(r.events.length).toBeGreaterThan(0);
      for (const e of r.events) {
        const schema =
          e.type === 'ClaimMade'
            ? ClaimMadeData
            : e.type === 'MeetingProposed'
              ? MeetingProposedData
              : AgreementReportedData;
        expect(() => schema.parse(e.data)).not.toThrow();
        expect(r.text.slice(e.data.span.start, e.data.span.end)).toBe(e.data.quote);
        expect(e.data.source.documentId).toBe(r.documentId);
        expect(e.data.extractor.name).toBe('rule-extractor');
        expect(e.data.confidence).toBeGreaterThan(0);
        expect(e.data.confidence).toBeLessThan(1);
      }
    });
  }
});

describe('normalisation', () => {
  it('strips furniture and reads metadata the text carries', () => {
    const r = extractArticle({
      text: '# Talks resume\n\nBy [Reuters](#)\n\nFebruary 12, 2015\n\nPutin said on Thursday that the ceasefire must hold.\n\n**Related article:** [Something](#)\n\nSign up for our free weekly newsletter\n\nShare This Article\n\nOriginal url:\n\n<https://example.com/a>',
    });
    expect(r.metadata).toEqual({
      title: 'Talks resume',
      url: 'https://example.com/a',
      publisher: 'Reuters',
      publishedAt: '2015-02-12',
    });
    expect(r.text).toBe('Putin said on Thursday that the ceasefire must hold.');
  });
  it('drops a caption that ends with its bracketed photo credit, and the same caption printed above it without one', () => {
    const caption =
      'The trade envoy looks over his notes at a hearing. Lighthizer said the U.S. wants structural changes.';
    const r = extractArticle({
      text: `${caption}\n\n${caption} (Jane Roe/Bloomberg)\n\nLighthizer told the committee on Wednesday that China must stop subsidies.`,
      publishedAt: '2019-02-28',
    });
    expect(r.text).toBe('Lighthizer told the committee on Wednesday that China must stop subsidies.');
  });
  it('reads HTML: canonical link, title, body without scripts or captions', () => {
    const html =
      '<html><head><title>Grain deal</title><link rel="canonical" href="https://example.com/g"></head><body><nav>Home</nav><article><h1>Grain deal</h1><figure><figcaption>A ship. Photo: AFP</figcaption></figure><p>Erdogan said Russia and Ukraine agreed to extend the grain deal.</p><script>x()</script></article></body></html>';
    const r = extractArticle({ html, publishedAt: '2023-05-17' });
    expect(r.metadata.title).toBe('Grain deal');
    expect(r.metadata.url).toBe('https://example.com/g');
    expect(r.text).toBe('Erdogan said Russia and Ukraine agreed to extend the grain deal.');
  });
});

describe('attribution', () => {
  it('direct quote before the speaker', () => {
    const c = claims(
      run('"We must withdraw heavy weapons from the line of contact," Poroshenko said on Tuesday.', '2015-02-12'),
    );
    expect(c).toContainEqual(
      expect.objectContaining({
        speaker: 'poroshenko',
        side: 'ukraine',
        topic: 'military_limits',
        stance: 'demand',
        madeOn: '2015-02-10',
      }),
    );
  });
  it('direct quote after "told reporters:" and a title before the name', () => {
    const c = claims(
      run(
        'Russian Foreign Minister Sergei Lavrov told reporters: "Kiev must grant special status to the Donbass."',
        '2015-01-20',
      ),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'lavrov', side: 'russia', topic: 'special_status', stance: 'demand' }),
    );
  });
  it('reported speech and a pronoun pointing back to the last named speaker', () => {
    const c = claims(
      run(
        'Dmytro Kuleba proposed a ceasefire on Tuesday. He also offered to exchange all prisoners of war.',
        '2022-03-30',
      ),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'kuleba', topic: 'ceasefire', stance: 'proposal', madeOn: '2022-03-29' }),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'kuleba', side: 'ukraine', topic: 'prisoner_exchange', stance: 'offer' }),
    );
  });
  it('accusations and rejections that refer back', () => {
    const c = claims(
      run('Moscow accuses Kyiv of shelling residential areas in Donetsk. Ukraine denies the accusation.'),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'kremlin', side: 'russia', topic: 'civilian_harm', stance: 'accusation' }),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: null, side: 'ukraine', topic: 'civilian_harm', stance: 'rejection' }),
    );
  });
  it('an unnamed source resolves to its side', () => {
    const c = claims(
      run('"Sanctions will stay until Russia withdraws from Crimea," a German government source said.', '2016-06-01'),
    );
    expect(c).toContainEqual(expect.objectContaining({ speaker: null, side: 'germany', topic: 'sanctions' }));
  });
  it('a quote over several sentences, and a quotation that continues it', () => {
    const events = run(
      '"We are ready to host talks. The meeting could take place in Istanbul next week," Erdogan ' +
        'said on Monday. "A ceasefire must come first."',
      '2022-03-22',
    );
    const c = claims(events);
    expect(c).toContainEqual(
      expect.objectContaining({
        speaker: 'erdogan',
        side: 'turkey',
        topic: 'negotiations',
        stance: 'proposal',
        madeOn: '2022-03-21',
      }),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'erdogan', topic: 'ceasefire', stance: 'demand', madeOn: '2022-03-21' }),
    );
    const m = meetings(events)[0];
    expect(m).toMatchObject({
      proposerSide: 'turkey',
      location: 'Istanbul',
      timeframe: 'next week',
      window: { from: '2022-03-28', to: '2022-04-03' },
    });
  });
  it('a coordinated second verb keeps its own stance and topic', () => {
    const c = claims(
      run('A Russian negotiator said his country agreed to a prisoner exchange and proposed a truce.', '2022-03-29'),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ side: 'russia', topic: 'prisoner_exchange', stance: 'acceptance' }),
    );
    expect(c).toContainEqual(expect.objectContaining({ side: 'russia', topic: 'ceasefire', stance: 'proposal' }));
  });
  it('statements under a reporting verb with an anaphoric object', () => {
    const c = claims(
      run('Zelensky offered a meeting with Putin. The Kremlin has so far rejected the idea.', '2025-06-01'),
    );
    expect(c).toContainEqual(
      expect.objectContaining({ speaker: 'kremlin', topic: 'leaders_meeting', stance: 'rejection', madeOn: null }),
    );
  });
  it('who a source is names no topic: "a source close to the negotiations"', () => {
    const c = claims(
      run('Russia wants sanctions lifted first, a source close to the negotiations said.', '2025-03-11'),
    );
    expect(c.map((x) => x.topic)).toEqual(['sanctions']);
    expect(c[0]).toMatchObject({ side: 'russia', stance: 'demand' });
  });
  it('a body that holds no positions makes no claim, and its words are given to no one else', () => {
    const events = run(
      'Zelensky spoke of talks on Monday. "A ceasefire must hold along the whole line," the OSCE said.',
      '2015-02-16',
    );
    expect(claims(events).filter((c) => c.topic === 'ceasefire')).toEqual([]);
    // A position it reports of a side still goes to that side.
    const reported = claims(run('Qatar said Russia had agreed to return the four children.', '2023-10-16'));
    expect(reported).toContainEqual(expect.objectContaining({ side: 'russia', topic: 'children_return' }));
    expect(reported.some((c) => c.side === 'qatar')).toBe(false);
  });
});

describe('meetings and agreements', () => {
  it('a proposed leaders meeting with a window', () => {
    const events = run(
      'Ukraine proposed on Monday a meeting between Zelensky and Putin by the end of August.',
      '2025-07-21',
    );
    expect(meetings(events)).toContainEqual(
      expect.objectContaining({
        proposerSide: 'ukraine',
        level: 'leaders',
        participants: ['ukraine', 'russia'],
        timeframe: 'by the end of August',
        window: { from: '2025-07-21', to: '2025-08-31' },
      }),
    );
  });
  it('waiting for the other side in a place is an invitation to meet there ("will be waiting for Putin in Istanbul")', () => {
    const events = run('Zelensky said he would be waiting for Putin in Istanbul on Thursday.', '2025-05-13');
    expect(meetings(events)).toEqual([
      expect.objectContaining({
        proposerSide: 'ukraine',
        level: 'leaders',
        participants: ['ukraine', 'russia'],
        location: 'Istanbul',
        window: { from: '2025-05-15', to: '2025-05-15' },
      }),
    ]);
    expect(claims(events)).toEqual([expect.objectContaining({ topic: 'leaders_meeting', stance: 'proposal' })]);
  });
  it('meeting someone halfway is a compromise, not a proposed meeting', () => {
    const events = run('Peskov said Moscow hoped Kyiv would meet it halfway.', '2025-03-11');
    expect(meetings(events)).toEqual([]);
    // What Moscow hopes Kyiv will do is asked of Kyiv: a demand (on the talks), no meeting.
    expect(claims(events).map((c) => c.stance)).toEqual(['demand']);
  });
  it('reviving talks is a claim, not a proposed meeting', () => {
    const events = run('Zelensky proposed on Saturday to revive the talks.', '2025-07-21');
    expect(claims(events)).toHaveLength(1);
    expect(meetings(events)).toHaveLength(0);
  });
  it('agreements with quantities', () => {
    const a = agreements(
      run('Medinsky said both countries agreed to exchange 1,200 prisoners of war each.', '2025-07-23'),
    );
    expect(a[0]).toMatchObject({
      topic: 'prisoner_exchange',
      quantities: [{ value: 1200, unit: 'prisoners', per: 'side' }],
      reportedBy: 'medinsky',
    });
    expect(new Set(a[0]?.parties)).toEqual(new Set(['ukraine', 'russia']));
    const b = agreements(
      run('Russia and Ukraine agreed to hand over the bodies of 6,000 killed soldiers.', '2025-06-03'),
    );
    expect(b[0]).toMatchObject({
      topic: 'remains_repatriation',
      quantities: [{ value: 6000, unit: 'bodies', per: null }],
    });
  });
  it('one side agreeing is an acceptance, not an agreement', () => {
    const events = run('Ukraine agreed to an unconditional ceasefire.', '2025-03-12');
    expect(agreements(events)).toHaveLength(0);
    expect(claims(events)).toContainEqual(
      expect.objectContaining({ side: 'ukraine', topic: 'ceasefire', stance: 'acceptance' }),
    );
  });
});

describe('bad input', () => {
  it('empty input gives an empty result', () => {
    expect(extractArticle({ text: '' }).events).toEqual([]);
    expect(extractArticle({ text: '   \n\n  ' }).events).toEqual([]);
  });
  it('binary input is refused with a clear error', () => {
    expect(() => extractArticle({ text: 'PK\u0003\u0004\u0000\u0000binary' })).toThrow(ExtractError);
    expect(() => extractArticle({ text: 'PK\u0003\u0004\u0000\u0000binary' })).toThrow(/binary/);
  });
  it('text decoded from non-UTF-8 bytes is refused', () => {
    const latin1 = new TextDecoder('utf-8').decode(
      new Uint8Array(Array.from({ length: 400 }, (_, i) => (i % 2 ? 0xe9 : 0x61))),
    );
    expect(() => extractArticle({ text: latin1 })).toThrow(/UTF-8/);
  });
  it('a 10 MB input is refused, not processed', () => {
    const big = 'Putin said the ceasefire must hold. '.repeat(300_000);
    expect(() => extractArticle({ text: big })).toThrow(/too large/);
  });
  it('text without sentences or speakers gives no events and no crash', () => {
    expect(extractArticle({ text: '"""“”««»» ,,, ... — – 12345' }).events).toEqual([]);
  });
});
