/** How profile cues match words: inflected forms, and the prepositions that only look like one. */
import { defaultProfile, type Profile } from '@claims/profile';
import { describe, expect, it } from 'vitest';
import { createTopicFinder } from './topics.ts';

const profile: Profile = {
  ...defaultProfile,
  topics: [
    { slug: 'deal', description: 'a deal as a whole', cues: ['accord', 'follow*'] },
    { slug: 'prisoners', description: 'prisoner releases', cues: ['release * prisoners'] },
    { slug: 'purchases', description: 'purchases of US goods', cues: ['imports of U.S.'] },
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

  it('read an initialism within a longer cue with or without its points', () => {
    expect(topicsOf('China will expand imports of US goods.')).toEqual([['purchases', 'imports of US']]);
    expect(topicsOf('China will expand imports of U.S. goods.')).toEqual([['purchases', 'imports of U.S.']]);
  });

  it('never read a preposition made from a verb as a form of a cue word ("according to", "following")', () => {
    expect(topicsOf('According to the minister, talks went on.')).toEqual([]);
    expect(topicsOf('Following the talks, nothing changed.')).toEqual([]);
    expect(topicsOf('They will follow up.')).toEqual([['deal', 'follow']]);
  });
});
