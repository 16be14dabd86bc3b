/** How profile cues match words: inflected forms, and the prepositions that only look like one. */
import { defaultProfile, type Profile } from '@claims/profile';
import { describe, expect, it } from 'vitest';
import { createTopicFinder, withoutGoverned } from './topics.ts';

const profile: Profile = {
  ...defaultProfile,
  topics: [
    { slug: 'deal', description: 'a deal as a whole', cues: ['accord', 'follow*'] },
    { slug: 'prisoners', description: 'prisoner releases', cues: ['release * prisoners'] },
    { slug: 'purchases', description: 'purchases of US goods', cues: ['imports of U.S.'] },
    { slug: 'talks', description: 'negotiations', cues: ['negotiat*', 'pending talks'] },
    { slug: 'territory', description: 'withdrawals and land', cues: ['withdraw * troops', 'give up * land'] },
  ],
  fallbackTopic: null,
};
const topicsOf = (text: string) => {
  const finder = createTopicFinder(profile);
  return finder.find(text, 0, text.length).map((h) => [h.topic, text.slice(h.start, h.end)]);
};

describe('profile cues', () => {
  it('match the inflected forms of their words', () => {
    expect(topicsOf('The accords were signed.')).toEqual([['deal', 'accords']]);
    expect(topicsOf('Both sides are releasing all prisoners.')).toEqual([['prisoners', 'releasing all prisoners']]);
  });

  it("match an irregular verb's past and participle (withdrew, withdrawn; gave, given)", () => {
    expect(topicsOf('Kyiv withdrew its troops.')).toEqual([['territory', 'withdrew its troops']]);
    expect(topicsOf('Kyiv has withdrawn all troops.')).toEqual([['territory', 'withdrawn all troops']]);
    expect(topicsOf('Kyiv never gave up its land.')).toEqual([['territory', 'gave up its land']]);
    expect(topicsOf('Troops were withdrawn.')).toEqual([['territory', 'Troops were withdrawn']]);
  });

  it('read a verb-and-object cue in the passive and as a bare participle after its object', () => {
    expect(topicsOf('All prisoners will be released.')).toEqual([['prisoners', 'prisoners will be released']]);
    expect(topicsOf('Kyiv wants all prisoners released by May.')).toEqual([['prisoners', 'prisoners released']]);
  });

  it('read an initialism within a longer cue with or without its points', () => {
    expect(topicsOf('China will expand imports of US goods.')).toEqual([['purchases', 'imports of US']]);
    expect(topicsOf('China will expand imports of U.S. goods.')).toEqual([['purchases', 'imports of U.S.']]);
  });

  it('never read a preposition made from a verb as a form of a cue word ("according to", "following")', () => {
    expect(topicsOf('According to the minister, talks went on.')).toEqual([]);
    expect(topicsOf('Following the talks, nothing changed.')).toEqual([]);
    expect(topicsOf('They will follow up.')).toEqual([['deal', 'follow']]);
  });

  it('end a cue at a letter or digit of any script, whether the text has letters beyond ASCII or not', () => {
    expect(topicsOf('The accord held.')).toEqual([['deal', 'accord']]);
    expect(topicsOf('The accordé held.')).toEqual([]);
    expect(topicsOf('The accord2 held.')).toEqual([]);
    expect(topicsOf('The negotiators met. Erdoğan hosted the negotiations.')).toEqual([['talks', 'negotiations']]);
    expect(topicsOf('The accordé was signed, then the accords.')).toEqual([['deal', 'accords']]);
  });

  it('try at a word only the cues that begin there, each topic its first that matches', () => {
    expect(topicsOf('Pending talks resumed, following the accord.')).toEqual([
      ['talks', 'Pending talks'],
      ['deal', 'accord'],
    ]);
    expect(topicsOf('They released all the prisoners and will follow.')).toEqual([
      ['prisoners', 'released all the prisoners'],
      ['deal', 'follow'],
    ]);
  });
});

describe('a topic word beside another topic', () => {
  const trade: Profile = {
    ...defaultProfile,
    topics: [
      { slug: 'tariffs', description: 'imposing tariffs', cues: ['tariff*'] },
      { slug: 'truce', description: 'holding off tariffs', cues: ['on hold', 'suspend * tariffs'] },
    ],
    fallbackTopic: null,
  };
  const find = (text: string) =>
    createTopicFinder(trade)
      .find(text, 0, text.length)
      .map((h) => h.topic);
  it("is the other topic's object when that topic's own cues take it as one ('put tariffs on hold')", () => {
    expect(find('The US will put tariffs on hold.')).toEqual(['truce']);
    expect(find('The US will put the tariff on hold.')).toEqual(['truce']);
  });
  it('stays a topic of its own apart from it, or joined to it by "and"', () => {
    expect(find('Tariffs rose, and the talks were put on hold.')).toEqual(['tariffs', 'truce']);
    expect(find('China wants tariffs and the truce on hold.')).toEqual(['tariffs', 'truce']);
  });
});

describe('a topic word governed by another', () => {
  const trade: Profile = {
    ...defaultProfile,
    topics: [
      { slug: 'tariffs', description: 'imposing tariffs', cues: ['tariff*'] },
      { slug: 'purchases', description: 'farm purchases', cues: ['soybean*'] },
    ],
    fallbackTopic: null,
  };
  const governing = (text: string) =>
    withoutGoverned(createTopicFinder(trade).find(text, 0, text.length), text).map((h) => h.topic);
  it('is the object of the one before it, also past a nationality ("tariffs on American soybeans")', () => {
    expect(governing('Beijing put tariffs on soybeans.')).toEqual(['tariffs']);
    expect(governing('Beijing put tariffs on American soybeans.')).toEqual(['tariffs']);
    expect(governing('Beijing put tariffs on imports and bought soybeans.')).toEqual(['tariffs', 'purchases']);
  });
});

describe('a cue that names a side', () => {
  const sided: Profile = {
    ...defaultProfile,
    topics: [
      { slug: 'purchases', description: 'purchases of US goods', cues: ['imports from the United States'] },
      { slug: 'alliance', description: 'the alliance', cues: ['NATO'] },
    ],
    fallbackTopic: null,
  };
  const found = (text: string) =>
    createTopicFinder(sided)
      .find(text, 0, text.length)
      .map((h) => text.slice(h.start, h.end));
  it('reads any of that side’s names in a cue of several words', () => {
    expect(found('China will expand imports from the US.')).toEqual(['imports from the US']);
    expect(found('China will expand imports from America.')).toEqual(['imports from America']);
    expect(found('China will expand imports from the United States.')).toEqual(['imports from the United States']);
  });
  it('leaves a one-word cue as written (no other name of the side stands for it)', () => {
    expect(found('The alliance met in Brussels.')).toEqual([]);
  });
});

describe('a verb-and-object cue whose object is a name', () => {
  const named: Profile = {
    ...defaultProfile,
    topics: [
      { slug: 'call', description: 'a phone call with the president', cues: ['call with Putin'] },
      { slug: 'talks', description: 'talks', cues: ['talks'] },
    ],
    fallbackTopic: null,
  };
  const found = (text: string) =>
    createTopicFinder(named)
      .find(text, 0, text.length)
      .map((h) => [h.topic, text.slice(h.start, h.end)]);
  it('reads the passive with its auxiliary, but not the name followed by the verb, which is the name acting', () => {
    expect(found('Putin was called by Trump.')).toEqual([['call', 'Putin was called']]);
    expect(found('Putin called the talks constructive.')).toEqual([['talks', 'talks']]);
  });
});
