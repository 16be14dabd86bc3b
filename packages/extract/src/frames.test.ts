/**
 * Frames of attribution that English news uses beyond "X said": each sentence is made up for this test (none comes
 * from an article of the corpus) and is read with the default (Russia–Ukraine) profile.
 */
import type { Stance } from '@claims/events';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';

interface Expected {
  speaker: string | null;
  side: string;
  topic: string;
  stance: Stance;
}

const claimsOf = (text: string) =>
  extractArticle({ text, publishedAt: '2023-06-07' }).events.flatMap((e) =>
    e.type === 'ClaimMade'
      ? [{ speaker: e.data.speaker, side: e.data.side, topic: e.data.topic, stance: e.data.stance }]
      : [],
  );

const FRAMES: [string, string, Expected[]][] = [
  [
    '"X, which Y said …": Y speaks of what the relative pronoun stands for',
    'Zelensky called for a new ceasefire, which Peskov said had no chance.',
    [
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'statement' },
    ],
  ],
  [
    '"in X\'s view", "in the view of X": the holder of the view speaks, as after "according to"',
    "In Peskov's view, the talks must continue.",
    [{ speaker: 'peskov', side: 'russia', topic: 'negotiations', stance: 'demand' }],
  ],
  [
    'a view frame after the words ("…, in Peskov\'s view") closes them',
    "Ukraine must withdraw its troops, in Peskov's view.",
    [{ speaker: 'peskov', side: 'russia', topic: 'territory', stance: 'demand' }],
  ],
  [
    '"in the view of the Kremlin, …"',
    'In the view of the Kremlin, Ukraine must withdraw its troops.',
    [{ speaker: 'kremlin', side: 'russia', topic: 'territory', stance: 'demand' }],
  ],
  [
    '"Under X\'s plan, …": the terms after the comma are X\'s proposal, one claim per topic',
    "Under Russia's plan, Ukraine would cede the Donbas and stay out of NATO.",
    [
      { speaker: null, side: 'russia', topic: 'territory', stance: 'proposal' },
      { speaker: null, side: 'russia', topic: 'nato_neutrality', stance: 'proposal' },
    ],
  ],
  [
    'a proposal whose owner a clause set off by commas names ("the invitation, which came from X, to …")',
    'Zelensky accepted the invitation, which came from Erdogan, to hold talks in Istanbul.',
    [
      { speaker: 'zelensky', side: 'ukraine', topic: 'negotiations', stance: 'acceptance' },
      { speaker: 'erdogan', side: 'turkey', topic: 'negotiations', stance: 'proposal' },
    ],
  ],
  [
    'a meeting others "will" hold is announced, not proposed (a statement); "could meet" proposes',
    'Peskov said the delegations will meet in Istanbul next week. He said the two sides could meet in Geneva instead.',
    [
      { speaker: 'peskov', side: 'russia', topic: 'negotiations', stance: 'statement' },
      { speaker: 'peskov', side: 'russia', topic: 'negotiations', stance: 'proposal' },
    ],
  ],
  [
    'a stance in the gerund carried by "keep" or "continue"',
    'Peskov said Russia would keep pressing for the lifting of sanctions.',
    [{ speaker: 'peskov', side: 'russia', topic: 'sanctions', stance: 'demand' }],
  ],
  [
    'a topic both accepted and named in the condition: the acceptance and a demand',
    'Zelensky said Kyiv would accept a truce only if Moscow first agreed to a ceasefire on all fronts.',
    [
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'acceptance' },
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
    ],
  ],
  [
    'a trailing "according to" after a closing quote',
    '"Russia must withdraw its troops," according to the Kremlin.',
    [{ speaker: 'kremlin', side: 'russia', topic: 'territory', stance: 'demand' }],
  ],
  [
    'a manner of speaking before a colon',
    'Zelensky was blunt: "We will not give up Crimea."',
    [{ speaker: 'zelensky', side: 'ukraine', topic: 'territory', stance: 'rejection' }],
  ],
  [
    'an infinitive of saying carried by "went on"',
    'Putin went on to say that sanctions would fail.',
    [{ speaker: 'putin', side: 'russia', topic: 'sanctions', stance: 'statement' }],
  ],
  [
    'an infinitive of saying carried by "took to" a channel',
    'Zelensky took to Telegram to say that Russia must withdraw its troops.',
    [{ speaker: 'zelensky', side: 'ukraine', topic: 'territory', stance: 'demand' }],
  ],
  [
    'the tenor of the words ("struck a sceptical note")',
    'Zakharova struck a sceptical note on the prospects for talks.',
    [{ speaker: 'zakharova', side: 'russia', topic: 'negotiations', stance: 'statement' }],
  ],
  [
    'criticism as a phrasal verb ("lashed out at")',
    'Putin lashed out at NATO expansion.',
    [{ speaker: 'putin', side: 'russia', topic: 'nato_neutrality', stance: 'rejection' }],
  ],
  [
    'a dismissal as an idiom ("poured cold water on")',
    'Peskov poured cold water on hopes for a ceasefire.',
    [{ speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'rejection' }],
  ],
  [
    'a passive whose topic stands before the verb',
    'The ceasefire plan was criticised by Lavrov.',
    [{ speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'rejection' }],
  ],
  [
    'a reaction received from its author ("drew criticism from")',
    'The ceasefire plan drew sharp criticism from the Kremlin.',
    [{ speaker: 'kremlin', side: 'russia', topic: 'ceasefire', stance: 'rejection' }],
  ],
  [
    'two named people of one side as the subject: one claim each',
    'Lavrov and Peskov both rejected the idea of a ceasefire.',
    [
      { speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
    ],
  ],
  [
    'a second institution coordinated with a named one',
    "Ukraine's Foreign Ministry and Defence Ministry condemned the Russian troop build-up near the border.",
    [{ speaker: 'ukrainian_foreign_ministry', side: 'ukraine', topic: 'military_limits', stance: 'accusation' }],
  ],
  [
    "an accusation that states the accused side's own position: two claims",
    'Kyiv accused Moscow of insisting on a buffer zone along the border.',
    [
      { speaker: 'ukraine_government', side: 'ukraine', topic: 'military_limits', stance: 'accusation' },
      { speaker: null, side: 'russia', topic: 'military_limits', stance: 'demand' },
    ],
  ],
  [
    'a deal called a mistake is rejected',
    'Kuleba called the deal a mistake.',
    [{ speaker: 'kuleba', side: 'ukraine', topic: 'negotiations', stance: 'rejection' }],
  ],
  [
    'a threat in the passive tied to a condition: a demand on the threat and one on the condition',
    'Trump warned that sanctions would be tightened if no ceasefire deal was reached.',
    [
      { speaker: 'trump', side: 'united_states', topic: 'sanctions', stance: 'demand' },
      { speaker: 'trump', side: 'united_states', topic: 'ceasefire', stance: 'demand' },
    ],
  ],
  [
    'a bare "they" inside the words of officials is theirs',
    'Ukrainian officials said they would not accept a ceasefire on those terms.',
    [{ speaker: 'ukraine_government', side: 'ukraine', topic: 'ceasefire', stance: 'rejection' }],
  ],
  [
    'a commitment to refrain from an act is an offer',
    'Russia promised not to strike energy facilities.',
    [{ speaker: null, side: 'russia', topic: 'ceasefire', stance: 'offer' }],
  ],
  [
    'a commitment never to give what the other side asks is a refusal',
    'Zelensky pledged never to cede an inch of territory.',
    [{ speaker: 'zelensky', side: 'ukraine', topic: 'territory', stance: 'rejection' }],
  ],
];

describe('frames of attribution beyond "X said"', () => {
  for (const [name, text, expected] of FRAMES) {
    it(name, () => {
      expect(claimsOf(text)).toEqual(expect.arrayContaining(expected.map((x) => expect.objectContaining(x))));
    });
  }

  // Sentences in which these are the only claims: one row each, name, sentence, every claim expected.
  const ONLY: [string, string, Expected[]][] = [
    [
      '"According to X, …" opening a sentence: X reports what the side after the comma says',
      'According to Peskov, Russia is ready for a ceasefire.',
      [{ speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'offer' }],
    ],
    [
      '"X rejected Y\'s call for …": the call is Y\'s demand (a call for something, not a phone call)',
      "Russia rejected Ukraine's call for an energy truce.",
      [
        { speaker: null, side: 'russia', topic: 'ceasefire', stance: 'rejection' },
        { speaker: null, side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
      ],
    ],
    [
      'a refusal tied to a condition ("no ceasefire unless …") is a rejection and a demand of what the condition names',
      'Lavrov ruled out a ceasefire unless Ukraine withdrew from the four regions.',
      [
        { speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
        { speaker: 'lavrov', side: 'russia', topic: 'territory', stance: 'demand' },
      ],
    ],
    [
      "a side's background act the labelling names (an annexation, leaving an accord) is a statement",
      'Moscow annexed Crimea in 2014.',
      [{ speaker: 'kremlin', side: 'russia', topic: 'territory', stance: 'statement' }],
    ],
    [
      "a side's other acts in the journalist's words are none",
      'Putin sent a lower-level delegation to the talks in Istanbul.',
      [],
    ],
    [
      '"Kyiv and its allies accuse …": allies of no side of their own leave the named side speaking',
      'Kyiv and its Western allies accuse Moscow of stalling the talks.',
      [{ speaker: 'ukraine_government', side: 'ukraine', topic: 'negotiations', stance: 'accusation' }],
    ],
    [
      '"the ministry said" points back to the institution that spoke last, as "it" does',
      "Russia's Foreign Ministry said on Monday that sanctions must be lifted. The ceasefire had not been respected, the ministry said.",
      [
        { speaker: 'russian_foreign_ministry', side: 'russia', topic: 'sanctions', stance: 'demand' },
        { speaker: 'russian_foreign_ministry', side: 'russia', topic: 'ceasefire', stance: 'statement' },
      ],
    ],
    [
      '"X, speaking at a summit on Tuesday, called for …": the framing participle says no words of its own',
      'Zelensky, speaking on the sidelines of a summit in Brussels, called for a ceasefire.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' }],
    ],
    [
      'an appositive title with a word that could be a verb ("X, Ukraine\'s lead negotiator, said")',
      "Umerov, Ukraine's lead negotiator, said the talks had been productive.",
      [{ speaker: 'umerov', side: 'ukraine', topic: 'negotiations', stance: 'statement' }],
    ],
    [
      '"Asked about X, Y said …": an answer with no topic word of its own is on the question\'s topic',
      'Asked about a ceasefire, Peskov said Russia was not ready.',
      [{ speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'statement' }],
    ],
    [
      '"voiced hope that …", "expressed concern that …": a feeling voiced reports what they think',
      'Zelensky voiced hope that the ceasefire would hold.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'statement' }],
    ],
    [
      '"X was quoted (by an agency) as saying …": the one quoted speaks',
      'Peskov was quoted by TASS as saying that Ukraine must withdraw its troops from the Donbas.',
      [{ speaker: 'peskov', side: 'russia', topic: 'territory', stance: 'demand' }],
    ],
    [
      'a stance verb in the present that the tagger reads as a plural noun ("Russia demands that …")',
      'Russia demands that Ukraine withdraw its troops from the Donbas.',
      [{ speaker: null, side: 'russia', topic: 'territory', stance: 'demand' }],
    ],
    [
      '"the idea of X doing …": X is what the idea is about, not whose idea it is',
      'Lavrov dismissed the idea of Ukraine joining NATO.',
      [{ speaker: 'lavrov', side: 'russia', topic: 'nato_neutrality', stance: 'rejection' }],
    ],
    [
      'refusing to give up what the other side asks ("would not lift sanctions", "will not release") is a rejection',
      'The EU said it would not lift sanctions on Russia.',
      [{ speaker: 'eu_institutions', side: 'european_union', topic: 'sanctions', stance: 'rejection' }],
    ],
    [
      'the words of a condition ("until Kyiv agreed to …") are asked of the other side: no stance of the speaker',
      'Peskov said the sanctions regime would stay in place until Kyiv agreed to neutrality.',
      [
        { speaker: 'peskov', side: 'russia', topic: 'sanctions', stance: 'statement' },
        { speaker: 'peskov', side: 'russia', topic: 'nato_neutrality', stance: 'demand' },
      ],
    ],
    [
      "what a reporter says another side must do is the reporter's demand, not that side's acceptance",
      'Trump said Russia must accept a ceasefire.',
      [{ speaker: 'trump', side: 'united_states', topic: 'ceasefire', stance: 'demand' }],
    ],
    [
      'the subjunctive under a demand ("insisted that Russia accept") is the demand of who insists',
      'Trump insisted that Russia accept a ceasefire.',
      [{ speaker: 'trump', side: 'united_states', topic: 'ceasefire', stance: 'demand' }],
    ],
    [
      'a plain "if" after what is conceded is its condition: the concession and a demand',
      'Putin said Russia could agree to a ceasefire if Ukraine withdrew its troops from the four regions.',
      [
        { speaker: 'putin', side: 'russia', topic: 'ceasefire', stance: 'acceptance' },
        { speaker: 'putin', side: 'russia', topic: 'territory', stance: 'demand' },
      ],
    ],
    [
      'refusing to meet ("would not meet Putin") is a rejection, not a proposal to meet',
      'Zelensky said he would not meet Putin until Russian troops left Ukraine.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'leaders_meeting', stance: 'rejection' }],
    ],
    [
      'stopping strikes is a ceasefire, as halting them is (profile cues)',
      'Zelensky said in his nightly address that Russia must stop its strikes.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' }],
    ],
    [
      'saying the other side "do not want peace" (plural verb) is an accusation, as "does not want peace" is',
      'Zelensky said the Kremlin leaders do not want peace.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'negotiations', stance: 'accusation' }],
    ],
    [
      'captured soldiers to swap are prisoners (profile cues)',
      'Ukraine has offered to swap captured Russian soldiers for Ukrainians held by Russia.',
      [{ speaker: null, side: 'ukraine', topic: 'prisoner_exchange', stance: 'offer' }],
    ],
    [
      "words that read as a deal's terms stay the speaker's claim when no deal is reported with them",
      'Merkel said the road map would let every side keep moving forward with the Minsk agreement.',
      [{ speaker: 'merkel', side: 'germany', topic: 'negotiations', stance: 'statement' }],
    ],
    [
      'a phrase of where the words came, set off by commas, between speaker and verb ("X, in his evening address, …")',
      'Zelensky, in his evening video address, called for new sanctions.',
      [{ speaker: 'zelensky', side: 'ukraine', topic: 'sanctions', stance: 'demand' }],
    ],
  ];
  it('each later sentence of a quotation of several takes its own stance (the quotation is one unit)', () => {
    const text =
      'Zelensky spoke in Kyiv. "We are ready for a ceasefire. But Russia must first stop its strikes. We will never recognise the occupied territories as Russian," he said.';
    expect(claimsOf(text)).toEqual(
      expect.arrayContaining([
        { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
        { speaker: 'zelensky', side: 'ukraine', topic: 'territory', stance: 'rejection' },
      ]),
    );
  });
  for (const [name, text, expected] of ONLY) {
    it(name, () => {
      expect(claimsOf(text)).toEqual(expected);
    });
  }

  it('a named speaker going on with no topic word of their own keeps the topic they were on; another speaker does not', () => {
    const first = { speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'rejection' };
    expect(
      claimsOf('Lavrov rejected the ceasefire plan. He said the key task now was to turn words into deeds.'),
    ).toEqual([first, { speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'statement' }]);
    expect(
      claimsOf('Lavrov rejected the ceasefire plan.\n\nPeskov said the key task now was to turn words into deeds.'),
    ).toEqual([first]);
    expect(claimsOf('Lavrov rejected the ceasefire plan. He said Kyiv must do much more first.')).toEqual([
      first,
      { speaker: 'lavrov', side: 'russia', topic: 'ceasefire', stance: 'demand' },
    ]);
  });

  it('a sentence that the page cut in two (a blank line, then lower case) is read whole: its person is the "he" after it', () => {
    expect(
      claimsOf(
        'Zelensky called for a ceasefire.\n\nDmitry Peskov, the spokesman of the Russian\n\npresident, was more guarded. He declared that Moscow would never accept the ceasefire plan.',
      ),
    ).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
    ]);
  });

  it('a stance with no word of any topic of the profile makes no claim; a vague word of the talks still does', () => {
    expect(claimsOf('The Kremlin accused Kyiv of lying to its own people.')).toEqual([]);
    expect(claimsOf('Zelensky demanded that Moscow stop hiding from decisions.')).toEqual([]);
    expect(claimsOf('Zelensky demanded that Moscow stop hiding from a peace deal.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'negotiations', stance: 'demand' },
    ]);
  });

  it('what a speaker will not go into ("would not go into what Putin had agreed to") is nobody\'s stance', () => {
    expect(claimsOf('Trump would not go into what Putin had agreed to on the ceasefire.')).toEqual([]);
    expect(claimsOf('Trump said Putin had agreed to the ceasefire.')).toEqual([
      { speaker: 'putin', side: 'russia', topic: 'ceasefire', stance: 'acceptance' },
    ]);
  });

  it('a yes-or-no question governed by a verb ("would not say whether …") is nobody\'s stance', () => {
    expect(claimsOf('Peskov would not say whether Moscow accepted the ceasefire.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'statement' },
    ]);
    expect(claimsOf('Reporters asked if Moscow had accepted the ceasefire.')).toEqual([]);
    expect(claimsOf('Zelensky did not explain why Putin had rejected the ceasefire.')).toContainEqual({
      speaker: 'putin',
      side: 'russia',
      topic: 'ceasefire',
      stance: 'rejection',
    });
  });

  it("the two leaders or presidents meeting is a leaders' meeting (profile cues), not talks of delegations", () => {
    expect(claimsOf('Peskov said the leaders of Ukraine and Russia will meet in Turkey next week.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'leaders_meeting', stance: 'statement' },
    ]);
    expect(claimsOf('Peskov said the two presidents could meet in Istanbul.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'leaders_meeting', stance: 'proposal' },
    ]);
  });

  it("a head of state going to talks, or not, is about a leaders' meeting; a minister's is about the talks", () => {
    expect(claimsOf('Zelensky will not take part in the Istanbul talks.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'leaders_meeting', stance: 'rejection' },
    ]);
    expect(claimsOf('Lavrov will not take part in the Istanbul talks.')).toEqual([
      { speaker: 'lavrov', side: 'russia', topic: 'negotiations', stance: 'rejection' },
    ]);
    // Declining to travel, with no topic word of its own, is declining to go to the talks the sentence named.
    const putin = { speaker: 'putin', side: 'russia', topic: 'leaders_meeting', stance: 'rejection' };
    expect(claimsOf('Zelensky went to the talks, since Putin declined to travel to Turkey.')).toContainEqual(putin);
    expect(claimsOf('Zelensky went to the Istanbul talks, since Putin declined to travel to Turkey.')).toContainEqual(
      putin,
    );
  });

  it('the subjunctive under "insisted that" is a demand; the indicative is a statement', () => {
    expect(claimsOf('Moscow has insisted that Kyiv withdraw its forces from the Donetsk region.')).toEqual([
      { speaker: 'kremlin', side: 'russia', topic: 'territory', stance: 'demand' },
    ]);
    expect(claimsOf('The Kremlin insisted that the ceasefire was holding.')).toEqual([
      { speaker: 'kremlin', side: 'russia', topic: 'ceasefire', stance: 'statement' },
    ]);
  });

  it('a stance noun heading a list ("Russia\'s demands include X and Y") owns every item of it', () => {
    expect(claimsOf("Russia's demands include Ukraine's neutrality and limits on the size of its army.")).toEqual([
      { speaker: null, side: 'russia', topic: 'nato_neutrality', stance: 'demand' },
      { speaker: null, side: 'russia', topic: 'military_limits', stance: 'demand' },
    ]);
  });

  it('not commenting is no stance; seeing no need for talks is a rejection, not a call for them', () => {
    expect(claimsOf('Kyiv has so far not commented on the proposal for a truce.')).toEqual([]);
    expect(claimsOf('Putin said he saw no need for talks with Zelensky.')).toEqual([
      { speaker: 'putin', side: 'russia', topic: 'leaders_meeting', stance: 'rejection' },
    ]);
  });

  it('releasing soldiers, or those held captive, is a prisoner exchange (profile cues)', () => {
    expect(
      claimsOf(
        'Ukraine is prepared to release Russian soldiers in exchange for Ukrainians held captive, Zelensky said.',
      ),
    ).toEqual([{ speaker: 'zelensky', side: 'ukraine', topic: 'prisoner_exchange', stance: 'offer' }]);
  });

  it('what a speaker hopes another side will do is a demand; what it hopes for itself is not', () => {
    expect(claimsOf('Zelensky hopes the United States will tighten sanctions on Russia.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'sanctions', stance: 'demand' },
    ]);
    expect(claimsOf('Zelensky said he hoped Ukraine would join NATO one day.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'nato_neutrality', stance: 'statement' },
    ]);
  });

  it("another side's position in a reporter's words: its person when named, else no actor (not its institution)", () => {
    expect(claimsOf('A senior US official said Moscow had not yet accepted the ceasefire.')).toEqual([
      { speaker: null, side: 'russia', topic: 'ceasefire', stance: 'rejection' },
    ]);
    expect(claimsOf('A senior US official said Putin had not yet accepted the ceasefire.')).toEqual([
      { speaker: 'putin', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
    ]);
  });

  it('breaking promises is an accusation, with words between the verb and the promises', () => {
    expect(claimsOf('Zelensky said Russia had broken dozens of earlier promises on the ceasefire.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'accusation' },
    ]);
    // So is breaking a deal or a truce.
    expect(claimsOf('Zelensky said Russia had broken the ceasefire.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'accusation' },
    ]);
  });

  it('"admitted to NATO" is being let in, not a verb of saying that starts a new speaker', () => {
    expect(claimsOf('Zelensky has put forward a plan to end the war by having Ukraine admitted to NATO.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'nato_neutrality', stance: 'proposal' },
    ]);
    expect(claimsOf('Peskov admitted that the ceasefire had failed.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'statement' },
    ]);
  });

  it('"there is no ceasefire" tells how things stand; "there will be no ceasefire" refuses one', () => {
    expect(claimsOf('Peskov said there was no ceasefire yet.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'statement' },
    ]);
    expect(claimsOf('Peskov said there would be no ceasefire.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
    ]);
  });

  it('what a side could do if the other did something is an offer, plus a demand of the condition', () => {
    expect(
      claimsOf('Russia could release all prisoners of war if Ukraine agreed to a ceasefire, Peskov said.'),
    ).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'prisoner_exchange', stance: 'offer' },
      { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'demand' },
    ]);
    expect(claimsOf('Peskov said Russia could release prisoners of war.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'prisoner_exchange', stance: 'statement' },
    ]);
  });

  it('what several sides say of a third is a claim of each, not a deal between them; of themselves, a deal', () => {
    const events = (text: string) =>
      extractArticle({ text, publishedAt: '2023-06-07' }).events.map((e) =>
        e.type === 'ClaimMade' ? `${e.data.side}/${e.data.topic}/${e.data.stance}` : e.type,
      );
    expect(events('Ukraine and France said Russia must pull back its troops from the border.')).toEqual([
      'ukraine/military_limits/demand',
      'france/military_limits/demand',
    ]);
    expect(events('Zelensky and Macron said Putin had rejected a ceasefire.')).toEqual(['russia/ceasefire/rejection']);
    expect(events('Both sides said they would exchange prisoners.')).toEqual(['AgreementReported']);
  });

  it('a quotation mark inside the words hides no cue of their stance (would “immediately release …)', () => {
    expect(claimsOf('Peskov said Russia would “immediately release all prisoners of war”.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'prisoner_exchange', stance: 'offer' },
    ]);
  });

  it('an invitation with no topic word is one to meet; its owner proposed it, and the one who accepts goes on', () => {
    expect(claimsOf('Kyiv accepted an invitation from Moscow.')).toEqual([
      { speaker: 'ukraine_government', side: 'ukraine', topic: 'negotiations', stance: 'acceptance' },
      { speaker: 'kremlin', side: 'russia', topic: 'negotiations', stance: 'proposal' },
    ]);
    // The owner's proposal named in the same sentence does not come between Peskov and his next words.
    expect(
      claimsOf(
        'Peskov said Russia had accepted the invitation, which came from Zelensky.\n\n"We remain in close contact," Peskov said.',
      ),
    ).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'leaders_meeting', stance: 'acceptance' },
      { speaker: 'zelensky', side: 'ukraine', topic: 'leaders_meeting', stance: 'proposal' },
      { speaker: 'peskov', side: 'russia', topic: 'leaders_meeting', stance: 'statement' },
    ]);
  });

  it("another side's offer quoted by a reporter is that side's offer; a charge against it is the reporter's accusation", () => {
    expect(claimsOf('"Russia is ready to exchange all prisoners," Zelensky said.')).toEqual([
      { speaker: null, side: 'russia', topic: 'prisoner_exchange', stance: 'offer' },
    ]);
    expect(claimsOf('"Russia is stalling the talks," Zelensky said.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'negotiations', stance: 'accusation' },
    ]);
  });

  it('offering nothing ("offered no concessions") and refusing to engage in talks are rejections', () => {
    expect(claimsOf('Putin has offered no concessions on territory.')).toEqual([
      { speaker: 'putin', side: 'russia', topic: 'territory', stance: 'rejection' },
    ]);
    expect(claimsOf('Peskov said Russia would not engage in peace talks with Kyiv.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'negotiations', stance: 'rejection' },
    ]);
  });

  it('a Russian withdrawal as a precondition for talks is a demand on territory (profile cues)', () => {
    expect(claimsOf('Kyiv said that a full Russian withdrawal is a precondition for any talks.')).toEqual([
      { speaker: 'ukraine_government', side: 'ukraine', topic: 'territory', stance: 'demand' },
    ]);
  });

  it('the terms of a proposal spelled out in the past tense, or after "It", are the proposer\'s proposals', () => {
    const expected = [
      { speaker: 'putin', side: 'russia', topic: 'negotiations', stance: 'proposal' },
      { speaker: 'putin', side: 'russia', topic: 'territory', stance: 'proposal' },
      { speaker: 'putin', side: 'russia', topic: 'sanctions', stance: 'proposal' },
    ];
    for (const subject of ['It', 'The proposal'])
      expect(
        claimsOf(
          `Putin said that Russia was making a new peace proposal. ${subject} envisaged recognition of Crimea as Russian territory and the lifting of sanctions.`,
        ),
      ).toEqual(expected);
  });

  it('a gerund heading the words as their subject ("accepting the plan would mean …") takes no stance', () => {
    expect(claimsOf('Zelensky said rejecting the ceasefire would mean more deaths.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'statement' },
    ]);
    expect(claimsOf('Zelensky said Ukraine was rejecting the ceasefire.')).toEqual([
      { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'rejection' },
    ]);
  });

  it('a threat to counterattack or strike back if the other side acts is a demand on what it must not do', () => {
    expect(claimsOf('Peskov said Russia would counterattack if the EU tightened sanctions.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'sanctions', stance: 'demand' },
    ]);
  });

  it('a participle after a subordinate clause is said by the main clause\'s subject ("Russia reacted after Ukraine …, saying")', () => {
    expect(claimsOf('Peskov spoke after Zelensky demanded a ceasefire, saying Russia would never accept one.')).toEqual(
      [
        { speaker: 'zelensky', side: 'ukraine', topic: 'ceasefire', stance: 'demand' },
        { speaker: 'peskov', side: 'russia', topic: 'ceasefire', stance: 'rejection' },
      ],
    );
  });

  it('"a meeting between the two" after two heads of state are named is a leaders\' meeting; of ministers, the talks', () => {
    const second = (first: string) =>
      claimsOf(
        `${first}\n\nThe Kremlin has said a meeting between the two should happen only after a peace agreement.`,
      ).at(-1);
    expect(second('Putin has said he has nothing against a meeting with Zelensky.')).toEqual({
      speaker: 'kremlin',
      side: 'russia',
      topic: 'leaders_meeting',
      stance: 'demand',
    });
    expect(second('Lavrov has said he has nothing against a meeting with Kuleba.')?.topic).toBe('negotiations');
  });

  it('talks already held that the words build on are not what they are about, when they name something else', () => {
    expect(
      claimsOf(
        "Trump said it was now Zelensky's job to build on the Alaska meeting with Putin and clinch a peace deal.",
      ),
    ).toEqual([{ speaker: 'trump', side: 'united_states', topic: 'negotiations', stance: 'statement' }]);
  });

  it("a reporter of no known side tells a side's position when the side is the words' subject, with no speaker", () => {
    const offer = { speaker: null, side: 'russia', topic: 'prisoner_exchange', stance: 'offer' };
    expect(claimsOf('Russia will release all prisoners of war, the ministry said.')).toEqual([offer]);
    expect(claimsOf('The ministry said Russia would release all prisoners of war.')).toEqual([offer]);
  });

  it('suggesting that something is so says it; suggesting what should be done proposes it', () => {
    expect(claimsOf('Peskov suggested that the talks were going nowhere.')).toEqual([
      { speaker: 'peskov', side: 'russia', topic: 'negotiations', stance: 'statement' },
    ]);
    expect(claimsOf('Peskov suggested that talks should be held in Istanbul.')).toContainEqual({
      speaker: 'peskov',
      side: 'russia',
      topic: 'negotiations',
      stance: 'proposal',
    });
  });

  it('"this meeting" points back to the meeting just named: a summit stays a leaders\' meeting', () => {
    const topics = claimsOf(
      'Macron proposed another summit in four months. Zelensky said this meeting needed careful preparation.',
    ).map((c) => `${c.speaker}/${c.topic}`);
    expect(topics).toContain('zelensky/leaders_meeting');
    expect(topics).not.toContain('zelensky/negotiations');
  });

  it('a sentence with no frame of a side still makes no claim', () => {
    expect(claimsOf('The talks were difficult: the delegations disagreed on the schedule.')).toEqual([]);
  });
});
