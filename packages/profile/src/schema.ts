import { z } from 'zod';

/** A slug: lower-case words joined by underscores (the same rule as @claims/events). */
const Slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a slug like "united_states"');
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * A party to the negotiation or a mediator. `names` and `adjectives` let bare mentions ("Turkey", "French officials")
 * resolve.
 */
export const Side = z.object({
  slug: Slug,
  name: z.string().min(1),
  names: z.array(z.string().min(1)).default([]),
  adjectives: z.array(z.string().min(1)).default([]),
  /**
   * false for a body that is named in the reports but holds no position of its own in this negotiation (an
   * international organisation, separatist authorities, a mediator the analysts do not follow): its mentions
   * resolve, so its words are not given to someone else, but it makes no claims and proposes no meetings.
   */
  holdsPositions: z.boolean().default(true),
});
export type Side = z.infer<typeof Side>;

/** A period in office; open at either end. Titles ("the Ukrainian president") resolve by the article's date. */
export const Tenure = z.object({ from: IsoDay.optional(), to: IsoDay.optional() });
export type Tenure = z.infer<typeof Tenure>;

/** A person or institution that speaks for a side. */
export const Actor = z.object({
  slug: Slug,
  name: z.string().min(1),
  side: Slug,
  /** head_of_state, head_of_government, foreign_minister, negotiator, spokesperson, government, … */
  role: z.string().min(1),
  /** Names and spelling variants; matched case-sensitively as whole words. */
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * Role phrases that point at whoever holds the office ("Ukraine's President"); a title held for
   * part of the actor's tenure gives its own period (`{ title: "Ukraine's defence minister", from, to }`).
   */
  titles: z.array(z.union([z.string().min(1), Tenure.extend({ title: z.string().min(1) })])).default([]),
  tenure: z.array(Tenure).default([]),
  /**
   * The pronoun a text uses for this person ("he", "she"), when the profile knows it: "she said" then points to her.
   */
  pronoun: z.enum(['he', 'she']).optional(),
});
export type Actor = z.infer<typeof Actor>;

/** A named group of sides ("the Normandy four"). */
export const Group = z.object({
  slug: Slug,
  aliases: z.array(z.string().min(1)).min(1),
  sides: z.array(Slug).min(1),
});
export type Group = z.infer<typeof Group>;

/** News agencies and similar sources: they resolve to a side, never to a named speaker. */
export const SourceName = z.object({ aliases: z.array(z.string().min(1)).min(1), side: Slug });
export type SourceName = z.infer<typeof SourceName>;

/**
 * A topic and the words that signal it. A cue is a phrase; `*` stands for up to three words,
 * a trailing `*` on a word for any ending ("negotiat*"), and a final word also matches its plural.
 */
export const Topic = z.object({
  slug: Slug,
  description: z.string().default(''),
  cues: z.array(z.string().min(1)).min(1),
});
export type Topic = z.infer<typeof Topic>;

export const Profile = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** The two principal sides: what "both sides" and "the two countries" mean. */
    parties: z.array(Slug).min(1),
    sides: z.array(Side).min(1),
    groups: z.array(Group).default([]),
    sources: z.array(SourceName).default([]),
    actors: z.array(Actor).default([]),
    topics: z.array(Topic).min(1),
    /** Vague words ("peace", "settlement") that give a topic only when nothing more specific does. */
    fallbackTopic: z
      .object({ topic: Slug, cues: z.array(z.string().min(1)) })
      .nullable()
      .default(null),
    /**
     * Which topics are meetings: `leaders` for meetings of heads of state or government, `talks` for
     * rounds of negotiators; `notPlaces` are capitalised words never taken for a meeting's place (the
     * regions of the conflict, formats). When absent, the topics are found by their descriptions.
     */
    meetings: z
      .object({
        leaders: Slug.nullable().default(null),
        talks: Slug.nullable().default(null),
        notPlaces: z.array(z.string().min(1)).default([]),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const sides = new Set(p.sides.map((s) => s.slug));
    const topics = new Set(p.topics.map((t) => t.slug));
    const check = (slug: string, path: (string | number)[], what: string, known: Set<string>): void => {
      if (!known.has(slug)) ctx.addIssue({ code: 'custom', path, message: `unknown ${what} "${slug}"` });
    };
    for (const [i, s] of p.parties.entries()) check(s, ['parties', i], 'side', sides);
    for (const [i, a] of p.actors.entries()) check(a.side, ['actors', i, 'side'], 'side', sides);
    for (const [i, g] of p.groups.entries())
      for (const [j, s] of g.sides.entries()) check(s, ['groups', i, 'sides', j], 'side', sides);
    for (const [i, s] of p.sources.entries()) check(s.side, ['sources', i, 'side'], 'side', sides);
    if (p.fallbackTopic) check(p.fallbackTopic.topic, ['fallbackTopic', 'topic'], 'topic', topics);
    if (p.meetings?.leaders) check(p.meetings.leaders, ['meetings', 'leaders'], 'topic', topics);
    if (p.meetings?.talks) check(p.meetings.talks, ['meetings', 'talks'], 'topic', topics);
    const seen = new Set<string>();
    for (const [i, a] of p.actors.entries()) {
      if (seen.has(a.slug))
        ctx.addIssue({ code: 'custom', path: ['actors', i, 'slug'], message: `duplicate actor "${a.slug}"` });
      seen.add(a.slug);
    }
  });
export type Profile = z.infer<typeof Profile>;
