// Agreements and meeting proposals: general patterns of how news reports them, on passages written for
// this file (none is taken from a labelled article), in the default profile and in a small profile of a
// made-up negotiation, so that no rule can rest on one negotiation's words.
import type { FactEvent } from '@claims/events';
import { parseProfile } from '@claims/profile';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';

/** A fisheries dispute between two made-up countries, with a mediator and a topic for the deal as a whole. */
const FISHERIES = parseProfile(
  JSON.stringify({
    name: 'fisheries',
    parties: ['norland', 'sudmark'],
    sides: [
      { slug: 'norland', name: 'Norland', names: ['Norland'], adjectives: ['Norlandic'] },
      { slug: 'sudmark', name: 'Sudmark', names: ['Sudmark'], adjectives: ['Sudmarkian'] },
      { slug: 'vestria', name: 'Vestria', names: ['Vestria'], adjectives: ['Vestrian'] },
    ],
    actors: [
      {
        slug: 'berg',
        name: 'Ola Berg',
        side: 'norland',
        role: 'minister',
        aliases: ['Ola Berg', 'Berg'],
        titles: ['Norlandic fisheries minister'],
      },
      {
        slug: 'kass',
        name: 'Mira Kass',
        side: 'sudmark',
        role: 'head_of_government',
        aliases: ['Mira Kass', 'Kass'],
        titles: ['Sudmarkian prime minister'],
      },
      {
        slug: 'sudmark_government',
        name: 'Sudmarkian government',
        side: 'sudmark',
        role: 'government',
        aliases: ['the Sudmark government'],
      },
    ],
    topics: [
      {
        slug: 'quotas',
        description: 'fishing quotas and catch limits',
        cues: ['quota*', 'catch limit*', 'fishing rights', 'catch'],
      },
      {
        slug: 'port_access',
        description: 'access to ports and landing rights',
        cues: ['port*', 'harbour*', 'landing rights'],
      },
      { slug: 'duties', description: 'import duties on fish', cues: ['tariff*', 'import duties', 'duties'] },
      {
        slug: 'talks',
        description: 'rounds of talks between delegations',
        cues: ['talks', 'negotiat*', 'round', 'meeting'],
      },
      {
        slug: 'summit',
        description: 'a meeting of the two prime ministers',
        cues: ['summit', 'face to face', 'meeting of the prime ministers'],
      },
      {
        slug: 'fish_deal',
        description: 'the deal as a whole: reaching, signing or leaving it',
        cues: ['deal', 'agreement', 'accord', 'commitments', 'signed'],
      },
    ],
    fallbackTopic: { topic: 'talks', cues: ['progress', 'relations'] },
  }),
  'json',
);

const agreements = (events: FactEvent[], unit?: string) =>
  events.flatMap((e) =>
    e.type === 'AgreementReported' && (!unit || e.data.quote.startsWith(unit))
      ? [{ topic: e.data.topic, parties: [...e.data.parties].sort() }]
      : [],
  );
const meetings = (events: FactEvent[]) =>
  events.flatMap((e) =>
    e.type === 'MeetingProposed'
      ? [
          {
            proposerSide: e.data.proposerSide,
            participants: [...e.data.participants].sort(),
            level: e.data.level,
            location: e.data.location,
          },
        ]
      : [],
  );
const run = (text: string, publishedAt = '2025-03-11', profile = undefined as typeof FISHERIES | undefined) =>
  extractArticle({ text, publishedAt }, profile ? { profile } : {}).events;

describe('agreements: who agreed', () => {
  it('officials of two sides named by their adjectives together ("Norlandic and Sudmarkian officials agreed …")', () => {
    const ev = run('Norlandic and Sudmarkian officials agreed to raise the catch limits.', '2025-03-11', FISHERIES);
    expect(agreements(ev)).toEqual([{ topic: 'quotas', parties: ['norland', 'sudmark'] }]);
    expect(ev.filter((e) => e.type === 'ClaimMade')).toEqual([]);
  });
  it('two sides doing together what only a deal lets them do ("will swap 300 for 300"), also when reported', () => {
    const plain = run('Norland and Sudmark will exchange their catch quotas for the season.', '2025-03-11', FISHERIES);
    expect(agreements(plain)).toEqual([{ topic: 'quotas', parties: ['norland', 'sudmark'] }]);
    const reported = run(
      'Berg said Norland and Sudmark would swap their catch quotas for the season.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(reported)).toEqual([{ topic: 'quotas', parties: ['norland', 'sudmark'] }]);
    expect(reported.filter((e) => e.type === 'ClaimMade')).toEqual([]);
  });
  it('several sides named only by number, after the talks that name them', () => {
    const ev = run(
      'Talks among Russia, Ukraine, the US and the EU went on late into the night.\n\nThe ' +
        'foreign minister, Sergei Lavrov, told reporters that the four parties had all settled on ' +
        'a plan to exchange prisoners.',
    );
    expect(agreements(ev, 'The foreign minister')).toEqual([
      { topic: 'prisoner_exchange', parties: ['european_union', 'russia', 'ukraine', 'united_states'] },
    ]);
  });
  it('the outcome of talks after a colon', () => {
    const ev = run(
      'The talks between Russia and Ukraine in Belarus produced a first result: the opening of ' +
        'humanitarian corridors for civilians.',
    );
    expect(agreements(ev).map((a) => a.topic)).toEqual(['civilian_harm']);
  });
  it('a solution found, in the inverted order after "only"', () => {
    const ev = run(
      '"The round is over. Only on evacuation corridors for civilians has a solution been ' +
        'found," the Ukrainian negotiator said.',
    );
    expect(agreements(ev).map((a) => a.topic)).toEqual(['civilian_harm']);
  });
  it('an "understanding" in quotation marks', () => {
    const ev = run(
      'Umerov said the Ukrainian and US delegations had arrived at "a shared understanding" on ' +
        'the terms of a ceasefire.',
    );
    expect(agreements(ev)).toEqual([{ topic: 'ceasefire', parties: ['ukraine', 'united_states'] }]);
  });
  it('the deal as a whole when nothing else is named, and the terms added after it', () => {
    expect(
      agreements(run('Norland and Sudmark signed the accord in Vestby on Friday.', '2025-03-11', FISHERIES)),
    ).toEqual([{ topic: 'fish_deal', parties: ['norland', 'sudmark'] }]);
    const ev = run(
      '"We succeeded in reaching agreement on the main questions," Kass said, adding that quotas ' +
        'would be cut from June.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev).map((a) => a.topic)).toEqual(['fish_deal', 'quotas']);
  });
  it('the talks a named deal came out of are its occasion, not a term', () => {
    const ev = run(
      'Norland and Sudmark reached a fisheries deal on Friday after three days of talks in Vestby.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev).map((a) => a.topic)).toEqual(['fish_deal']);
  });
  it('"according to" a negotiator is no deal word', () => {
    const ev = run(
      'Norland and Sudmark signed the accord in Vestby on Friday.\n\nAccording to Berg, Sudmark will open its ' +
        'ports to Norlandic boats.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev, 'According')).toEqual([{ topic: 'port_access', parties: ['norland', 'sudmark'] }]);
  });
});

describe('agreements: passives and outcomes', () => {
  it('"it was agreed", a deal agreed with a mediator, consensus', () => {
    expect(
      agreements(run('At the meeting it was agreed that both sides would pull back heavy weapons.')).map(
        (a) => a.topic,
      ),
    ).toEqual(['military_limits']);
    expect(agreements(run('Zelensky said the exchange of prisoners had been agreed with Erdogan.'))).toEqual([
      { topic: 'prisoner_exchange', parties: ['turkey', 'ukraine'] },
    ]);
    expect(
      agreements(
        run('There was consensus on cutting the import duties, the two governments said.', '2025-03-11', FISHERIES),
      ).map((a) => a.topic),
    ).toEqual(['duties']);
  });
  it('a summit that ended with a call, its leaders named', () => {
    const ev = run(
      'The summit of Putin, Zelensky, Macron and Merkel in Paris ended with a call for a full ' +
        'ceasefire by the end of the year.',
    );
    expect(agreements(ev).map((a) => a.topic)).toEqual(['ceasefire']);
  });
});

describe('agreements: what is not one', () => {
  it("one side's decision taken or made", () => {
    expect(
      agreements(run('Berg said the decision was taken to cut quotas on safety grounds.', '2025-03-11', FISHERIES)),
    ).toEqual([]);
    expect(agreements(run('The decisions were: quotas cut by a third.', '2025-03-11', FISHERIES))).toEqual([
      { topic: 'quotas', parties: ['norland', 'sudmark'] },
    ]);
  });
  it('a hypothetical or wished-for deal', () => {
    expect(
      agreements(run('Zelensky warned that Putin would tear up any deal with Kyiv once he had signed it.')),
    ).toEqual([]);
    expect(
      agreements(run('"We have to reach a ceasefire first," the Ukrainian foreign minister told journalists.')),
    ).toEqual([]);
    expect(
      agreements(
        run('Sudmark hopes to strike a deal on quotas with Norland before the summer.', '2025-03-11', FISHERIES),
      ),
    ).toEqual([]);
  });
  it('one side agreeing, even in the wake of a deal', () => {
    const ev = run(
      'Norland and Sudmark reached a deal on quotas on Friday.\n\nNorland also agreed to reopen ' +
        'its ports to Sudmarkian trawlers, the Sudmark government said.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev, 'Norland also')).toEqual([]);
  });
  it('"Under the deal, X will not …" is a term of the deal, not a stance of X', () => {
    const ev = run(
      'Norland and Sudmark reached a deal on quotas on Friday. Under the deal, Sudmark will not go ahead with ' +
        'the new import duties.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev, 'Under the deal').map((a) => a.topic)).toEqual(['duties']);
    expect(ev.some((e) => e.type === 'ClaimMade' && e.data.quote.startsWith('Under the deal'))).toBe(false);
  });
  it("a speaker's own next step after a deal is their claim, not a term", () => {
    const ev = run(
      'Norland and Sudmark reached a deal on quotas on Friday.\n\nBerg said he would brief the fishing ' +
        'fleets on the talks next week.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev, 'Berg said')).toEqual([]);
    expect(
      ev.some((e) => e.type === 'ClaimMade' && e.data.quote.startsWith('Berg said') && e.data.speaker === 'berg'),
    ).toBe(true);
  });
  it('what happens if there is no deal', () => {
    const ev = run(
      'Norland and Sudmark reached a deal on quotas on Friday. If no final text is agreed by ' +
        'May, the duties will double, officials said.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev, 'If no')).toEqual([]);
  });
});

describe('agreements: a deal and its terms in one sentence', () => {
  it('the deal as subject with a clause between it and its verb ("The accord, signed on Friday, provides …")', () => {
    const ev = run(
      'The agreement, reached after two days of talks, requires Sudmark to open its ports.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev)).toEqual([{ topic: 'port_access', parties: ['norland', 'sudmark'] }]);
  });
  it('"As part of the deal, …" as "Under the deal, …"', () => {
    const ev = run('As part of the deal, Norland will cut its import duties.', '2025-03-11', FISHERIES);
    expect(agreements(ev).map((a) => a.topic)).toEqual(['duties']);
    expect(ev.some((e) => e.type === 'ClaimMade')).toBe(false);
  });
});

describe('agreements: terms over several sentences', () => {
  const text = [
    'Norland and Sudmark reached a deal on catch limits on Friday after two days of talks.',
    'Under the deal, Sudmark will reopen its harbours to Norlandic boats.',
    'The agreement also contains commitments on import duties.',
    'The text has a new quota for cod.',
    'Lastly, Berg called for the tariffs on smoked fish to be halved.',
  ].join(' ');
  const ev = run(text, '2025-03-11', FISHERIES);
  it('each sentence that states a term is an agreement on that term, not on the deal itself', () => {
    expect(agreements(ev, 'Under the deal')).toEqual([{ topic: 'port_access', parties: ['norland', 'sudmark'] }]);
    expect(agreements(ev, 'The agreement also').map((a) => a.topic)).toEqual(['duties']);
    expect(agreements(ev, 'The text has').map((a) => a.topic)).toEqual(['quotas']);
  });
  it('a list item with a stance verb is both a term and a claim', () => {
    expect(agreements(ev, 'Lastly').map((a) => a.topic)).toEqual(['duties']);
    expect(
      ev.some((e) => e.type === 'ClaimMade' && e.data.quote.startsWith('Lastly') && e.data.side === 'norland'),
    ).toBe(true);
  });
  it('a topic word governed by another is its object', () => {
    const ev2 = run(
      'Norland and Sudmark agreed to hold off on raising duties while the talks go on.',
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(ev2).map((a) => a.topic)).not.toContain('quotas');
    // The talks that go on meanwhile are the term's time, not a term.
    expect(agreements(ev2).map((a) => a.topic)).not.toContain('talks');
  });
});

describe('meetings', () => {
  it('foreseen or conditional meetings are claims only', () => {
    expect(meetings(run('Trump said he anticipates that Putin and Zelensky will meet soon.'))).toEqual([]);
    expect(
      meetings(
        run(
          'The Kremlin said a meeting between the two presidents should take place only when a peace treaty is ready.',
        ),
      ),
    ).toEqual([]);
    expect(
      meetings(
        run(
          'Putin has said he has nothing against a meeting with Zelensky, but that certain ' +
            'conditions have to be met first.',
        ),
      ),
    ).toEqual([]);
  });
  it('restarting named talks is no concrete meeting', () => {
    expect(meetings(run('"We are ready to restart the Istanbul talks," Medinsky said on Thursday.'))).toEqual([]);
  });
  it('finished rounds and meetings built on are no proposals', () => {
    expect(
      meetings(
        run('"Round two of the negotiations has finished and we will keep working," the Ukrainian negotiator wrote.'),
      ),
    ).toEqual([]);
  });
  it('a mediator bringing two leaders face to face', () => {
    const m = meetings(
      run('Erdogan said Turkey wanted to crown its efforts by bringing Zelensky and Putin face to face.'),
    );
    expect(m.map((x) => [x.proposerSide, x.participants])).toEqual([['turkey', ['russia', 'turkey', 'ukraine']]]);
  });
  it('an invitation that names the invitee and the city', () => {
    const m = meetings(
      run(
        'The Vestrian government invited the Norlandic fisheries minister, Ola Berg, to Vestby to restart the talks.',
        '2025-03-11',
        FISHERIES,
      ),
    );
    expect(m).toEqual([
      { proposerSide: 'vestria', participants: ['norland', 'vestria'], level: 'ministers', location: 'Vestby' },
    ]);
  });
  it("a head of state inviting another: a leaders' meeting in the city named", () => {
    expect(meetings(run('Putin invited Zelensky to Moscow.'))).toEqual([
      { proposerSide: 'russia', participants: ['russia', 'ukraine'], level: 'leaders', location: 'Moscow' },
    ]);
  });
  it('"meet in the middle" is no meeting', () => {
    expect(
      meetings(run('Kass said Sudmark wanted to meet Norland in the middle on quotas.', '2025-03-11', FISHERIES)),
    ).toEqual([]);
  });
});

describe('meetings announced, not proposed', () => {
  it('"will meet" told of others is an announcement (labelling spec: scheduled meetings are claims only)', () => {
    expect(
      meetings(run('The two delegations will meet again in Geneva next week, the foreign ministry said.')),
    ).toEqual([]);
    expect(meetings(run('Zelensky said he was ready to meet Putin in Istanbul on Thursday.'))).toHaveLength(1);
  });
});

describe('agreements: guards', () => {
  it('reaching a place, and a standing accord of a given year', () => {
    expect(agreements(run('The two leaders reached Istanbul on Monday for talks on a ceasefire.'))).toEqual([]);
    expect(agreements(run('The ceasefire that was agreed at talks in Minsk in 2015 has long collapsed.'))).toEqual([]);
    for (const standing of ['The 2019 accord, signed in Oslo, requires', 'The 2019 accord requires'])
      expect(agreements(run(`${standing} Sudmark to open its ports.`, '2025-03-11', FISHERIES))).toEqual([]);
  });
});

describe('stances on a deal and on what it holds', () => {
  const stances = (text: string) =>
    run(text, '2025-03-11', FISHERIES).flatMap((e) =>
      e.type === 'ClaimMade' ? [{ side: e.data.side, topic: e.data.topic, stance: e.data.stance }] : [],
    );
  it('not living up to commitments on a topic is an accusation on that topic, not on the deal', () => {
    expect(stances('Berg said Sudmark had not lived up to its commitments on quotas.')).toEqual([
      { side: 'norland', topic: 'quotas', stance: 'accusation' },
    ]);
  });
  it('backing out of a deal is a rejection of it, not backing it', () => {
    expect(stances('Berg said Sudmark had backed out of the deal.')).toEqual([
      { side: 'sudmark', topic: 'fish_deal', stance: 'rejection' },
    ]);
  });
});

describe('a deal that frames its terms', () => {
  const claims = (events: FactEvent[]) =>
    events.flatMap((e) => (e.type === 'ClaimMade' ? [{ topic: e.data.topic, stance: e.data.stance }] : []));
  it('"any agreement must include X": the claim is on X, not on the deal', () => {
    expect(
      claims(run('Berg insisted any agreement must include access to Norlandic ports.', '2025-03-11', FISHERIES)),
    ).toEqual([{ topic: 'port_access', stance: 'demand' }]);
  });
  it('a deal named with no terms after it is still the deal', () => {
    expect(claims(run('Berg insisted on a deal before the summer.', '2025-03-11', FISHERIES))).toEqual([
      { topic: 'fish_deal', stance: 'demand' },
    ]);
  });
});

describe('an agreement of the sides reported by one of them', () => {
  it('is the agreement only, not also a claim of the one who reports it', () => {
    const events = run(
      "Sudmark's fisheries ministry said the two sides had reached consensus on several issues, including quotas.",
      '2025-03-11',
      FISHERIES,
    );
    expect(agreements(events)).toEqual([{ topic: 'quotas', parties: ['norland', 'sudmark'] }]);
    expect(events.filter((e) => e.type === 'ClaimMade')).toEqual([]);
  });
});

describe('a side committing to a term "as part of the deal"', () => {
  it("is the deal's term, not also that side's own offer", () => {
    const events = run(
      'Norland and Sudmark signed a deal on Monday. Sudmark, as part of the agreement, has pledged to cut its catch quotas.',
      '2025-03-12',
      FISHERIES,
    );
    expect(events.filter((e) => e.type === 'ClaimMade')).toEqual([]);
    expect(agreements(events)).toContainEqual({ topic: 'quotas', parties: ['norland', 'sudmark'] });
  });
});

describe('"In addition, …" after a deal', () => {
  it('opens another term; "In addition to …, X agreed" is that side\'s acceptance', () => {
    const deal = 'Norland and Sudmark signed a deal on Monday. ';
    const term = run(`${deal}In addition, Sudmark will open its ports.`, '2025-03-12', FISHERIES);
    expect(agreements(term)).toContainEqual({ topic: 'port_access', parties: ['norland', 'sudmark'] });
    const own = run(`${deal}In addition to the new quotas, Sudmark agreed to open its ports.`, '2025-03-12', FISHERIES);
    expect(agreements(own).map((a) => a.topic)).not.toContain('port_access');
  });
});

describe('the day a deal was reached', () => {
  const days = (text: string) =>
    run(text, '2025-03-12', FISHERIES).flatMap((e) => (e.type === 'AgreementReported' ? [e.data.madeOn] : []));
  it('is the day of the verb that reports it, not a day of what was agreed', () => {
    expect(days('Norland and Sudmark signed a deal on quotas on Monday.')).toEqual(['2025-03-10']);
    expect(days('Norland and Sudmark agreed to raise the quotas from Friday.')).toEqual([null]);
  });
});
