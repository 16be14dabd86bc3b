import { describe, expect, it } from 'vitest';
import { createResolver, defaultProfile, ProfileError, parseProfile } from './index.ts';

describe('default profile', () => {
  it('covers every side of domain.md and the actors named there', () => {
    const sides = defaultProfile.sides.map((s) => s.slug);
    for (const s of [
      'ukraine',
      'russia',
      'united_states',
      'turkey',
      'france',
      'germany',
      'european_union',
      'nato',
      'united_kingdom',
    ])
      expect(sides).toContain(s);
    const actors = defaultProfile.actors.map((a) => a.slug);
    for (const a of [
      'zelensky',
      'umerov',
      'putin',
      'peskov',
      'medinsky',
      'kremlin',
      'ukraine_government',
      'macron',
      'merkel',
      'trump',
      'erdogan',
    ])
      expect(actors).toContain(a);
  });
});

describe('resolver', () => {
  const r = createResolver(defaultProfile);
  it('resolves spelling variants to one actor', () => {
    for (const v of ['Zelensky', 'Zelenskiy', 'Zelenskyy', 'Volodymyr Zelensky', 'Mr Zelensky'])
      expect(r.resolve(v)?.actor).toBe('zelensky');
    expect(r.resolve('Kiev')).toEqual({ actor: 'ukraine_government', side: 'ukraine' });
    expect(r.resolve('Kyiv')).toEqual({ actor: 'ukraine_government', side: 'ukraine' });
    expect(r.resolve('Recep Tayyip Erdogan')?.actor).toBe('erdogan');
  });
  it('resolves titles by who held the office on the day', () => {
    expect(r.resolve("Ukraine's President", { date: '2015-02-12' })?.actor).toBe('poroshenko');
    expect(r.resolve("Ukraine's President", { date: '2022-03-29' })?.actor).toBe('zelensky');
    expect(r.resolve('US Secretary of State', { date: '2023-05-01' })?.actor).toBe('blinken');
    expect(r.resolve('the Kremlin spokesperson')?.actor).toBe('peskov');
  });
  it('reads "its central bank", "the country\'s foreign ministry" as that institution of the country the sentence names', () => {
    const mentions = r.findMentions('Russia rejected the U.S. plan on Monday, its foreign ministry said.', {
      date: '2023-05-01',
    });
    expect(mentions.map((m) => [m.text, m.actor])).toContainEqual(['its foreign ministry', 'russian_foreign_ministry']);
  });
  it('reads a title after an indefinite article as someone of that side, not the office holder', () => {
    expect(r.resolve('a Kremlin spokesman', { date: '2023-05-01' })).toEqual({ actor: null, side: 'russia' });
    expect(r.resolve('the Kremlin spokesman', { date: '2023-05-01' })?.actor).toBe('peskov');
  });
  it('resolves a title written in lower case away from a name, as news writes it', () => {
    expect(r.resolve('the U.S. president', { date: '2025-08-15' })?.actor).toBe('trump');
    expect(r.resolve('US secretary of state', { date: '2023-05-01' })?.actor).toBe('blinken');
  });
  it('prefers an antecedent for a title', () => {
    expect(r.resolve('the Ukrainian leader', { date: '2025-07-19', recent: ['zelensky'] })?.actor).toBe('zelensky');
  });
  it('resolves unnamed sources and bare countries to a side without a speaker', () => {
    expect(r.resolve('a French diplomatic source')).toEqual({ actor: null, side: 'france' });
    expect(r.resolve('Host country Turkey')).toEqual({ actor: null, side: 'turkey' });
    expect(r.resolve('Tass')).toEqual({ actor: null, side: 'russia' });
    expect(r.resolve('senior British officials')?.side).toBe('united_kingdom');
  });
  it('resolves a titled person the profile does not know to the side of the title, not to an actor', () => {
    const ms = r.findMentions('Russian Deputy Defence Minister Alexander Fomin said', { date: '2022-03-29' });
    expect(ms[0]).toMatchObject({
      text: 'Russian Deputy Defence Minister Alexander Fomin',
      kind: 'unnamed',
      actor: null,
      side: 'russia',
      person: true,
    });
    // A title held by a known actor is not that actor when another name follows it.
    expect(r.resolve('Russian negotiator Alexander Fomin', { date: '2025-06-02' })).toEqual({
      actor: null,
      side: 'russia',
    });
    expect(r.resolve('Ukrainian presidential adviser Mykhailo Podolyak')?.actor).toBe('podolyak');
  });
  it('prefers a longer profile title over the generic nationality pattern', () => {
    expect(r.resolve('the Ukrainian head of state', { date: '2022-03-29' })?.actor).toBe('zelensky');
    expect(r.resolve('Russian Foreign Minister', { date: '2022-03-29' })?.actor).toBe('lavrov');
  });
  it('marks possessives so that owners are not taken for speakers', () => {
    const ms = r.findMentions("Macron's strategy");
    expect(ms[0]?.possessive).toBe(true);
  });
});

describe('parseProfile', () => {
  const minimal = {
    name: 'trade',
    parties: ['union', 'employer'],
    sides: [
      { slug: 'union', name: 'Union' },
      { slug: 'employer', name: 'Employer' },
    ],
    topics: [{ slug: 'wages', cues: ['wage*', 'pay rise'] }],
  };
  it('reads JSON and YAML', () => {
    expect(parseProfile(JSON.stringify(minimal), 'json').name).toBe('trade');
    const yaml =
      'name: trade\nparties: [union, employer]\nsides:\n  - { slug: union, name: Union }\n  - { slug: employer, name: Employer }\ntopics:\n  - { slug: wages, cues: [wages] }\n';
    expect(parseProfile(yaml, 'yaml').sides).toHaveLength(2);
  });
  it('names the offending field', () => {
    const bad = { ...minimal, actors: [{ slug: 'boss', name: 'Boss', side: 'employr', role: 'ceo' }] };
    expect(() => parseProfile(bad)).toThrow(ProfileError);
    expect(() => parseProfile(bad)).toThrow(/actors\[0\]\.side: unknown side "employr"/);
    expect(() => parseProfile('{ not json', 'json')).toThrow(/not valid JSON/);
  });
});
