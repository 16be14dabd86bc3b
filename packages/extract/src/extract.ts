import {
  type AgreementReportedData,
  type ClaimMadeData,
  documentIdOf,
  type FactEvent,
  type MeetingProposedData,
  type Source,
  type Stance,
} from '@claims/events';
import { createResolver, defaultProfile, type Mention, type Profile, type Resolver } from '@claims/profile';
import {
  agreementsOf,
  dealAside,
  dealTopicsOf,
  leadsWithDeal,
  reportsDeal,
  speaksOfAnotherSide,
  statesAgreement,
  statesTerms,
  talkersIn,
} from './agreements.ts';
import { type Anchor, findAnchors, mergeMentions, quoteRanges, type Subject } from './attribution.ts';
import { CONFIDENCE_THRESHOLD, confidenceOf } from './confidence.ts';
import { dayOfClause, dayOfFrame, forgetParsedDays } from './dates.ts';
import { CONDITION, CONTENT_CUES, CUTTERS, GERUND_SUBJECT, NEGATED_STANCE } from './lexicon.ts';
import { HEAD_ROLES, leaderParticipants, meetingIn, occasionsIn, pastMeetingsIn } from './meetings.ts';
import { type ArticleInput, type ArticleMetadata, normaliseArticle } from './normalise.ts';
import { createTopicFinder, type TopicFinder, type TopicHit, withoutGoverned } from './topics.ts';
import { splitUnits, type Unit } from './units.ts';

/** What produced the events; bump the version when rules change what is extracted. */
export const EXTRACTOR = { name: 'rule-extractor', version: '0.3.7' } as const;

export interface ExtractOptions {
  profile?: Profile;
  /** Keep events below the confidence threshold too (for training the confidence model). */
  keepAll?: boolean;
}

export interface ExtractedArticle {
  /** The normalised article text that every span points into. */
  text: string;
  documentId: string;
  metadata: ArticleMetadata;
  events: FactEvent[];
  /**
   * The evidence each event was read from (its confidence's features, in the order of `events`): for explaining and
   * training.
   */
  evidence: string[][];
}

/** Who a claim is attributed to. */
export interface Speaker {
  actor: string | null;
  side: string;
  person: boolean;
}

interface Compiled {
  resolver: Resolver;
  topics: TopicFinder;
  notPlaces: ReadonlySet<string>;
  /** The profile gives pronouns: a "she" cannot point to a man, nor "he" to a woman. */
  pronouns: boolean;
  /** The topics a bare deal word names ("the deal"). */
  dealTopics: ReadonlySet<string>;
  /** Topics whose phrase does not swallow the next topic's ("talks on a ceasefire", "commitments on duties"). */
  governors: ReadonlySet<string>;
  /** Sides that hold no positions (`holdsPositions: false`): named, never claimants. */
  silentSides: ReadonlySet<string>;
}
/** What an accused side is said to do in "accused X of …", and the position that makes its own. */
const ACCUSED_OF =
  /^\s+of\s+(insisting on|demanding|seeking|wanting|pushing for|pressing for|refusing to|rejecting|blocking|proposing)\b/;
const ACCUSED_STANCE: Record<string, Stance> = {
  'refusing to': 'rejection',
  rejecting: 'rejection',
  blocking: 'rejection',
  proposing: 'proposal',
};

const compiled = new WeakMap<Profile, Compiled>();
function compile(profile: Profile): Compiled {
  let c = compiled.get(profile);
  if (!c) {
    const topics = createTopicFinder(profile);
    const dealTopics = dealTopicsOf(topics);
    c = {
      resolver: createResolver(profile),
      topics,
      notPlaces: new Set(profile.meetings?.notPlaces ?? []),
      pronouns: profile.actors.some((a) => a.pronoun !== undefined),
      dealTopics,
      governors: new Set([...topics.meetingTopics, ...dealTopics]),
      silentSides: new Set(profile.sides.filter((s) => !s.holdsPositions).map((s) => s.slug)),
    };
    compiled.set(profile, c);
  }
  return c;
}

const MEETING_STANCES = new Set<Stance>(['proposal', 'offer', 'demand']);
/** Refusing to carry out what was agreed: "refused to implement", "refuses to comply with". */
const NON_COMPLIANCE =
  /^\s+to\s+(?:fully\s+)?(?:implement|comply|honou?r|fulfil|fulfill|abide|respect|observe|stick)\b/i;
/**
 * A side's act that stays part of the record of its positions: annexing, recognising a region's independence or
 * sovereignty, leaving or suspending an accord or the talks.
 */
const BACKGROUND_ACT =
  /^(?:annex\w*|recogni[sz]\w*\s+(?:[\w'’-]+\s+){0,5}?(?:independence|sovereignty|annexation|as\s+(?:part of|Russian|independent))|(?:withdr[ae]w\w*|pull\w*\s+out|exit\w*|quit\w*|walk\w*\s+out|tore\s+up|tear\w*\s+up|suspend\w*|abandon\w*)\s+(?:from\s+|of\s+)?(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?(?:accords?|agreements?|deals?|treaty|treaties|pact|talks|negotiations|initiative)\b)/i;
/** A question put to the speaker opening the sentence: "Asked about a ceasefire, …", "When asked whether …,". */
const ASKED_ABOUT =
  /^\W*(?:when\s+|after\s+being\s+)?asked\s+(?:about|whether|if|on|over|what|how|when|why)\b[^,.;]*,/i;
/**
 * A threat: punishment promised if a condition is not met ("will impose tariffs unless …", "or face sanctions",
 * "tariffs would rise to 25 percent if …").
 */
const THREAT =
  /\b(?:impose|slap|put|raise|hike|increase|tighten|levy|apply|adopt|take|face)\b[^.;]{0,60}\b(?:tariffs?|sanctions?|duties|taxes|penalties|measures|countermeasures)\b|\b(?:tariffs?|sanctions?|duties|penalties)\b[^.;]{0,40}\b(?:will|would|could)\s+(?:\w+\s+)?(?:rise|go up|increase|double|be (?:raised|increased|imposed|hiked|doubled|tightened|expanded|extended))\b|\bor face\b|\b(?:hit|fight|strike) back\b|\bcounter-?attack\w*\b|\bcounter-?measures?\b|\brespond in kind\b|\bretaliat\w*\b|\bpay (?:a|the) (?:heavy |high )?price\b/i;
/** What role a definite role noun ("the president", "the minister") refers to, by the profile's role names. */
const ROLE_OF: Record<string, RegExp | null> = {
  // Not the vice president: "the president" is the head of state.
  president: /^(?:head_of_state|president)$/,
  leader: /^(?:head_of_state|head_of_government|president)$/,
  chancellor: /head_of_government/,
  premier: /head_of_government/,
  minister: /minister/,
  spokesman: /spokes/,
  spokeswoman: /spokes/,
  spokesperson: /spokes/,
  envoy: /envoy|negotiator/,
  negotiator: /negotiator|envoy/,
  aide: /advis|aide|official/,
  adviser: /advis|aide|official/,
  advisor: /advis|aide|official/,
  secretary: /secretary|minister|advis/,
  ambassador: /ambassador|envoy/,
  diplomat: /minister|envoy|ambassador|diplomat/,
};

/**
 * A sentence that spells out a proposal's terms: "The plan envisages …", "The proposals would also include …", "It
 * envisaged …" (in any tense; a bare "it" or "they" only right after the proposal, where nothing else stands between).
 */
const PROPOSAL_TERMS =
  /^\W*(?:(?:(?:the|this|that|his|her|their|its|[A-Z][\p{L}-]+['’]s)\s+)?(?:[\w-]+\s+){0,2}?(?:plan|proposals?|initiative|formula|framework|roadmap|blueprint|draft|memorandum|document)|it|they)\s+(?:also\s+)?(?:envisage[sd]?|include[sd]?|call(?:s|ed)? for|provide[sd]? for|foresees|foresaw|demand(?:s|ed)?|require[sd]?|would|will|contain(?:s|ed)?|sets? out|propose[sd]?|stipulate[sd]?|consist(?:s|ed)? of|cover(?:s|ed)?)\b/iu;

/** Words that open a sentence going on with the last one: "Besides, …", "In addition, …", "Secondly, …". */
const CONTINUING =
  /^\W*(?:besides|in addition|additionally|moreover|furthermore|also|secondly|thirdly|finally|lastly|second|third|then)\b/i;

/** An invitation in what is said: a meeting proposed even when no meeting word follows. */
const INVITATION =
  /\b(?:would be welcome|is welcome|are welcome|welcome to (?:come|visit)|(?:ready|prepared|willing|happy) to (?:receive|host|welcome)|(?:the |our |its )?doors? (?:is|are|remains?) open|come (?:to [A-Z][\p{L}-]+ )?(?:whenever|any time|at any time)|whenever (?:he|she|they) wish(?:es)?|at whatever time|next time in [A-Z][\p{L}-]+|(?:will|would|'ll|’ll) (?:be )?(?:waiting for|wait for|expect) (?:him|her|them|you|[A-Z][\p{L}-]+) (?:in|at) [A-Z][\p{L}-]+)\b/u;

/** Occasions at which things are said, and that an article dates. */
const OCCASION_NOUNS =
  'summit|talks|negotiations|meeting|call|conversation|conference|press conference|news conference|briefing|address|speech|interview|visit|session|round';

/** Stances a topic-less reference takes from an earlier claim ("rejected the idea", "agreed to that condition"). */
const NOUN_ANTECEDENT: Record<Stance, Stance[]> = {
  demand: ['demand'],
  proposal: ['proposal', 'offer'],
  offer: ['proposal', 'offer'],
  accusation: ['accusation'],
  acceptance: ['demand', 'proposal', 'offer'],
  rejection: ['demand', 'proposal', 'offer'],
  statement: ['demand', 'proposal', 'offer'],
};
/** Going to a meeting oneself, or not: "take part in", "attend", "turn up to", "travel to", "join". */
const GOING_TO =
  /\b(?:take|takes|took|taking) part\b|\battend(?:s|ed|ing)?\b|\bparticipat(?:e|es|ed|ing)\b|\bturn(?:s|ed)? up\b|\bshow(?:s|ed)? up\b|\bjoin(?:s|ed|ing)?\b|\btravel(?:s|led|ed)? to\b/i;
/**
 * "On Monday, Kyiv rejected Russia's proposal": the proposal another side answers was made before, on no day given.
 * (Reported in someone's words, it keeps the day they reported it: measured both ways on the tuning halves.)
 */
function answeredOwner(a: Anchor, anchors: Anchor[]): boolean {
  return (
    a.kind === 'owner' &&
    anchors.some(
      (b) =>
        b !== a &&
        b.kind === 'stance' &&
        b.verbStart < a.verbStart &&
        b.scopeEnd >= a.verbEnd &&
        b.subject?.side !== undefined &&
        b.subject.side !== a.subject?.side,
    )
  );
}

/** Stances that give something: what another side offers or accepts is no charge against it. */
const CONCEDING: ReadonlySet<Stance> = new Set(['offer', 'acceptance', 'proposal']);

/** Words of going that open what is said or done: "(declined) to travel to Turkey", "(will not) attend". */
const GOING_TO_START = new RegExp(`^\\W*(?:to\\s+)?(?:${GOING_TO.source})`, 'i');
/** The words between a deal word and its terms: "must include", "that would cover", "should also address". */
const DEAL_FRAMES_TERMS =
  /^\s+(?:that\s+|which\s+)?(?:(?:must|should|would|will|has to|have to|needs? to|could|can)\s+)?(?:also\s+)?(?:include|includes|included|including|contain|contains|cover|covers|address|addresses|provide for|provides for|guarantee|guarantees|ensure|ensures|require|requires)\b[^.;]{0,80}$/i;
/** Where one sentence of a quotation ends and the next begins. */
const SENTENCE_BREAK = /[.!?]["”’]?\s+(?=["“‘]?[A-Z])/g;
/** An obligation put on a verb's subject ("Russia must accept", "Kyiv has to agree"): someone else's demand of it. */
const OBLIGED =
  /\b(?:must|should|ought to|has to|have to|had to|needs? to|will have to|would have to|is required to)\s+(?:\w+\s+)?$/i;
/** Verbs that demand what their "that" clause says, in the subjunctive ("demanded that Russia accept …"). */
const DEMAND_VERB = /^(?:demand|insist|urge|ask|require|request)$/;
/** Verbs of wishing: what they wish of another side is a demand ("hopes the US will lift the tariffs"). */
const WISH_VERB = /^(?:hope|expect|wish)$/;
/** Words that point back to an earlier claim: "the idea", "that condition", "our demands", "the plan". */
const ANAPHOR =
  /\b(?:the|that|this|these|those|such|our|their|its|his|her)\s+(?:(?:\w+[- ])?(?:offers?|proposals?|ideas?|plans?|initiatives?|conditions?|demands?|accusations?|move|step|decision|request|invitation|suggestion|document|text|deal|agreement|arrangement|terms|formula))\b/i;

interface Position {
  speaker: Speaker | null;
  side: string;
  stance: Stance;
  weak: boolean;
  from: number;
  to: number;
  madeOn: string | null;
  proposer: Speaker | null;
  /** A stance that points back at an earlier claim ("rejected the idea"): takes its topics when it names none. */
  anaphoric: boolean;
  /** Claims need a topic word of their own (an owned noun, a side's act in the journalist's words). */
  needTopic?: boolean;
  /** A side's words with no topic word of the profile: a statement on the fallback topic. */
  vague?: boolean;
  /** The topic to take when the words name none (an invitation is to a meeting even when no meeting word follows). */
  topicIfNone?: string;
  evidence: number;
  /** How the position was read (for the explanation of an event, and for tuning its confidence). */
  how: string;
  /** Where in the text the reported words' stance cue was found, when it came from them. */
  stanceAt?: number;
}

/** Everything one article run needs to carry from sentence to sentence. */
class ArticleRun {
  readonly events: FactEvent[] = [];
  private lastPerson: Speaker | null = null;
  /** People named so far, most recent last (distinct): whom a "he" or "she" may mean. */
  private recentPersons: Speaker[] = [];
  /** The last person who said or took a stance: whom a later "he" most often means. */
  private lastSpeakerPerson: Speaker | null = null;
  /** The person the previous sentence was about (its first person named as a subject): whom its next "he" means. */
  private lastSubjectPerson: Speaker | null = null;
  private unitMentions: Mention[] = [];
  private unitQuotes: [number, number][] = [];
  /** The last proposal made (for a sentence that spells out its terms). */
  private lastProposal: { speaker: Speaker; madeOn: string | null; unit: number; paragraph: number } | null = null;
  /** What the previous unit reported someone to want (for an unattributed sentence that goes on with it). */
  private lastReported: {
    speaker: Speaker;
    stance: Stance;
    madeOn: string | null;
    unit: number;
    paragraph: number;
  } | null = null;
  /** The last unit (and its paragraph) in whose wake the terms of a deal just reached may follow. */
  private dealUntil = -1;
  private dealParagraph = -1;
  /** The last unit an agreement was read in (one reading of agreements per unit). */
  private agreedUnit = -1;
  /** This unit states a deal's terms: what it says is the deal's, not a side's claim. */
  private termsUnit = false;
  /** The meeting topic of the last event on one, and its unit: what "this meeting" points back to. */
  private lastMeeting: { topic: string; unit: number } | null = null;
  /** Claims held back because their words state a deal's terms, until the unit's agreements are read. */
  private silencedClaims: { unit: Unit; pos: Position }[] = [];
  /** Days of the occasions the article has dated ("the summit on Friday"): later "after the summit" takes that day. */
  private occasionDays = new Map<string, string>();
  private lastInstitution: Speaker | null = null;
  private lastMadeOn: { day: string | null; paragraph: number } = { day: null, paragraph: -1 };
  private lastQuote: {
    speaker: Speaker;
    madeOn: string | null;
    paragraph: number;
    topics: string[];
    open: boolean;
  } | null = null;
  /** Every claim so far, with who made it and when: what anaphora, and a speaker going on, point back to. */
  private history: {
    stance: Stance;
    topics: string[];
    unit: number;
    paragraph: number;
    speaker: string | null;
    madeOn: string | null;
  }[] = [];
  private paragraph = 0;
  private unitClaims = new Set<string>();
  private unitIndex = 0;
  /** The evidence each event was read from (features of its confidence), in the order of `events`. */
  readonly evidence: string[][] = [];

  constructor(
    private readonly text: string,
    private readonly profile: Profile,
    private readonly c: Compiled,
    private readonly source: Source,
    private readonly sameDay: boolean,
  ) {}

  private provenance(unit: Unit) {
    return {
      source: this.source,
      quote: unit.text,
      span: { start: unit.start, end: unit.end },
      extractor: { ...EXTRACTOR },
      confidence: null,
    };
  }

  private name(s: Speaker): string {
    return (
      (s.actor && this.c.resolver.actor(s.actor)?.name) ||
      this.profile.sides.find((x) => x.slug === s.side)?.name ||
      s.side
    );
  }

  /**
   * Appends an event with its confidence: the learned estimate from its evidence when a model is loaded, else the
   * rules' own.
   */
  private push(event: FactEvent, ruleConfidence: number, features: string[]) {
    if (event.type === 'ClaimMade' && this.c.silentSides.has(event.data.side)) return;
    if (event.type === 'MeetingProposed' && this.c.silentSides.has(event.data.proposerSide)) return;
    if (event.type === 'AgreementReported') {
      const parties = event.data.parties.filter((p) => !this.c.silentSides.has(p));
      if (parties.length === 0) return;
      event.data.parties = parties;
    }
    const learned = confidenceOf(features);
    event.data.confidence = Math.round(Math.max(0.01, Math.min(0.99, learned ?? ruleConfidence)) * 100) / 100;
    this.events.push(event);
    this.evidence.push(features);
    const topic = event.type === 'MeetingProposed' ? null : event.data.topic;
    if (topic && this.c.topics.meetingTopics.has(topic)) this.lastMeeting = { topic, unit: this.unitIndex };
  }

  /** Topic hits in [from, to), stopping at the first subordinate clause that follows a found topic. */
  private topicsIn(from: number, to: number): TopicHit[] {
    if (to <= from) return [];
    const slice = this.text.slice(from, to);
    const cuts: number[] = [];
    CUTTERS.lastIndex = 0;
    for (let m = CUTTERS.exec(slice); m !== null; m = CUTTERS.exec(slice)) cuts.push(from + m.index);
    cuts.push(to);
    let fallback: TopicHit[] = [];
    // Talks that are only the occasion ("at talks in Istanbul on Monday") are not a topic when another topic is named.
    const occasions = occasionsIn(this.text, from, to);
    for (const end of cuts) {
      let hits = this.c.topics.find(this.text, from, end);
      if (occasions.length > 0) {
        const kept = hits.filter(
          (h) => !(this.c.topics.meetingTopics.has(h.topic) && occasions.some(([a, b]) => h.start >= a && h.end <= b)),
        );
        if (kept.some((h) => !h.fallback)) hits = kept;
      }
      hits = withoutGoverned(hits, this.text, this.c.governors);
      hits = this.withoutDealFrame(hits);
      if (hits.some((h) => !h.fallback)) return hits;
      if (fallback.length === 0) fallback = hits;
    }
    return fallback;
  }

  /**
   * "any agreement must include an enforcement mechanism", "a deal that covers tariffs": the deal only frames its
   * terms, and the terms are the topic.
   */
  private withoutDealFrame(hits: TopicHit[]): TopicHit[] {
    return hits.filter(
      (g, i) =>
        !this.c.dealTopics.has(g.topic) ||
        !hits
          .slice(i + 1)
          .some((h) => !this.c.dealTopics.has(h.topic) && DEAL_FRAMES_TERMS.test(this.text.slice(g.end, h.start))),
    );
  }

  /** The first topic a cue of the profile names in [from, to) (not a fallback word), if any. */
  private firstTopicIn(from: number, to: number): string | null {
    const found = this.topicSlugs(this.c.topics.find(this.text, from, to), from, to);
    return !found.fallback && found.topics.length ? (found.topics[0] ?? null) : null;
  }

  /** Topic slugs of a claim's words, with the leaders' meeting rule applied. */
  private topicSlugs(
    hits: TopicHit[],
    from: number,
    to: number,
    /** Talks already held in the words: their participants make no leaders' meeting of what is said. */
    past: [number, number][] = [],
  ): { topics: string[]; fallback: boolean } {
    let topics = [...new Set(hits.map((h) => h.topic))];
    const fallback = hits.length > 0 && hits.every((h) => h.fallback);
    const { leadersTopic, talksTopic } = this.c.topics;
    if (
      !fallback &&
      leadersTopic &&
      talksTopic &&
      topics.includes(talksTopic) &&
      (leaderParticipants(
        this.text.slice(from, to),
        from,
        this.unitMentions.filter((m) => !past.some(([a, b]) => m.start >= a && m.start < b + 25)),
        this.text,
      ).length > 0 ||
        this.twoLeadersMeant(this.text.slice(from, to)))
    ) {
      topics.push(leadersTopic);
    }
    if (leadersTopic && topics.includes(leadersTopic)) topics = topics.filter((t) => t !== talksTopic);
    return { topics, fallback };
  }

  /** The meeting an invitation with no topic word is to: the leaders' when a head of state is named in [from, to). */
  private invitedTo(from: number, to: number): string | null {
    const heads = this.unitMentions.some((m) => m.start >= from && m.end <= to && m.role && HEAD_ROLES.has(m.role));
    return (heads ? this.c.topics.leadersTopic : null) ?? this.c.topics.talksTopic;
  }

  /**
   * "a meeting between the two", "the two men should meet": the two are the last two persons named, a leaders' meeting
   * when both are heads of state or government.
   */
  private twoLeadersMeant(words: string): boolean {
    if (
      !/\b(?:between|of) the two\b(?! (?:sides|countries|delegations|nations|governments|teams))|\bthe two men\b/i.test(
        words,
      )
    )
      return false;
    const lastTwo = this.recentPersons.slice(-2);
    return (
      lastTwo.length === 2 &&
      lastTwo.every((p) => {
        const role = p.actor ? this.c.resolver.actor(p.actor)?.role : undefined;
        return role !== undefined && HEAD_ROLES.has(role);
      })
    );
  }

  private antecedent(noun: Stance | null): string[] {
    const wanted = NOUN_ANTECEDENT[noun ?? 'statement'];
    // What was just discussed: the last claims of the last few paragraphs (sentences in between may be of no side).
    const near = (h: { paragraph: number }) => this.paragraph - h.paragraph <= 3;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i];
      if (!h || !near(h)) break;
      if (wanted.includes(h.stance) && h.topics.length > 0) return h.topics;
    }
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i];
      if (!h || !near(h) || this.unitIndex - h.unit > 4) break;
      if (h.topics.length > 0) return h.topics;
    }
    return [];
  }

  /**
   * "The White House said the president had agreed …": nobody of that role named yet, the reporter's side's
   * one holder of the role on the day of publication.
   */
  private officeHolder(side: string | null, role: RegExp): Speaker | null {
    const day = this.source.publishedAt;
    if (!side || !day) return null;
    const held = this.profile.actors.filter(
      (a) =>
        a.side === side &&
        role.test(a.role) &&
        a.tenure.some((t) => (!t.from || t.from <= day) && (!t.to || day <= t.to)),
    );
    const only = held.length === 1 ? held[0] : undefined;
    return only ? { actor: only.slug, side, person: true } : null;
  }

  /** A subject's speaker: mentions as they are; pronouns to whom they point back. */
  private resolve(
    subject: Subject | null,
    parent: Speaker | null,
    quoteSpeaker: Speaker | null,
    unitPersons: Speaker[] = [],
    quoted = false,
  ): Speaker | null {
    if (!subject) return null;
    if (subject.kind === 'mention') {
      if (!subject.side) return null;
      // Another side's position in a reporter's words is that side's, under its named person, else under no actor:
      // a US envoy saying "Moscow has not signed up to the truce" → russia, speaker null.
      if (parent && parent.side !== subject.side && !subject.person)
        return { actor: null, side: subject.side, person: false };
      return { actor: subject.actor, side: subject.side, person: subject.person };
    }
    const p = subject.pronoun;
    if (p === 'i' || p === 'we' || p === 'my' || p === 'our') return quoteSpeaker ?? parent;
    // "the president said": the last person named or heard in that role, else whoever spoke last.
    if (p?.startsWith('role:')) {
      const words = p.slice(5).split(' ');
      const noun = words[words.length - 1] ?? '';
      // "the foreign minister" is a foreign minister where the profile has that role; else any minister.
      const narrowed = words.length > 1 ? words.join('_') : null;
      const hasNarrowed = narrowed !== null && this.profile.actors.some((a) => a.role === narrowed);
      const role = hasNarrowed
        ? new RegExp(`^${narrowed}$`)
        : words.includes('prime')
          ? (ROLE_OF['premier'] ?? null)
          : (ROLE_OF[noun] ?? null);
      const ofRole = (x: Speaker | null | undefined) => {
        if (!x?.actor) return null;
        const r = this.c.resolver.actor(x.actor)?.role ?? '';
        return role === null || role.test(r) ? x : null;
      };
      return (
        ofRole(unitPersons[unitPersons.length - 1]) ??
        this.recentPersons.findLast((x) => ofRole(x) !== null) ??
        (role === null ? this.lastSpeakerPerson : this.officeHolder(parent?.side ?? null, role))
      );
    }
    if (p === 'he' || p === 'she' || p === 'his' || p === 'her') {
      // In a quotation "he" is someone other than the one quoted (who says "I").
      const speakerNow = quoteSpeaker ?? parent;
      const fits = (x: Speaker) => this.pronounFits(x, p === 'she' || p === 'her' ? 'she' : 'he');
      const other = (x: Speaker | null | undefined) =>
        x && (!quoted || x.actor !== speakerNow?.actor) && fits(x) ? x : null;
      // Outside quotations: the reporter, else the last person named before it in this sentence, else the last who
      // spoke.
      const before = quoted ? null : this.personBefore(subject.start, fits);
      const who =
        (!quoted && parent?.person && fits(parent) ? parent : null) ??
        before ??
        other(unitPersons[unitPersons.length - 1]) ??
        other(this.lastSubjectPerson) ??
        other(this.lastSpeakerPerson) ??
        this.recentPersons.findLast((x) => other(x) !== null) ??
        null;
      if (!who) return null;
      return subject.kind === 'possessive' ? { actor: null, side: who.side, person: false } : who;
    }
    // "Ukraine said it had agreed …", "…, it said": "it" is the institution or country that reports.
    if (p === 'it' || p === 'its') {
      // "…, it said": the institution or country that spoke last.
      const who = parent && !parent.person ? parent : this.lastInstitution;
      if (!who) return null;
      return subject.kind === 'possessive' ? { actor: null, side: who.side, person: false } : who;
    }
    if (subject.kind === 'possessive' && parent) return { actor: null, side: parent.side, person: false };
    return null;
  }

  /** The last person named before `at` in this unit, outside quotations (for "Trump said … he would …"). */
  private personBefore(at: number, fits: (x: Speaker) => boolean): Speaker | null {
    for (let i = this.unitMentions.length - 1; i >= 0; i--) {
      const m = this.unitMentions[i];
      if (!m || m.end > at || !m.person || !m.actor || !m.side) continue;
      if (this.unitQuotes.some(([a, b]) => m.start > a && m.start < b)) continue;
      const x = { actor: m.actor, side: m.side, person: true };
      if (fits(x)) return x;
    }
    return null;
  }

  /** Whether "he" or "she" can point to this person: by the profile's pronoun, when it gives one for anyone. */
  private pronounFits(x: Speaker, pronoun: 'he' | 'she'): boolean {
    if (!this.c.pronouns || !x.actor) return true;
    const known = this.c.resolver.actor(x.actor)?.pronoun ?? 'he';
    return known === pronoun;
  }

  private claim(
    unit: Unit,
    speaker: Speaker | null,
    side: string,
    topic: string,
    stance: Stance,
    madeOn: string | null,
    words: string,
    confidence: number,
    features: string[] = ['claim'],
  ): void {
    const k = `${speaker?.actor ?? ''}|${side}|${topic}|${stance}`;
    if (this.unitClaims.has(k)) return;
    // One side's one stance on a topic per unit: a named speaker wins over the bare side.
    const bare = `|${side}|${topic}|${stance}`;
    if (speaker?.actor && this.unitClaims.has(bare)) return;
    if (!speaker?.actor && [...this.unitClaims].some((x) => x.endsWith(bare) && !x.startsWith('|'))) return;
    this.unitClaims.add(k);
    const who = speaker ? this.name(speaker) : side;
    const data: ClaimMadeData = {
      ...this.provenance(unit),
      speaker: speaker?.actor ?? null,
      side,
      topic,
      stance,
      text: `${who} (${side}) ${stance} on ${topic}: ${words.replace(/\s+/g, ' ').trim().slice(0, 240) || unit.text.slice(0, 240)}`,
      madeOn,
    };
    this.push({ type: 'ClaimMade', data }, confidence, features);
    if (stance === 'proposal' && speaker)
      this.lastProposal = { speaker, madeOn, unit: this.unitIndex, paragraph: this.paragraph };
  }

  /** Emits the claims (and any meeting) of one position with its topics. */
  /**
   * A topic named only as what another one is for or in ("an enforcement mechanism for a trade deal",
   * "measures indispensable in any new deal", "territory in any peace negotiations") is not a claim of its own.
   */
  private withoutQualifiers(hits: TopicHit[]): TopicHit[] {
    const kept: TopicHit[] = [];
    for (const h of hits) {
      const head = kept.findLast((k) => !k.fallback && k.topic !== h.topic);
      const gap = head ? this.text.slice(head.end, h.start) : '';
      const qualifies =
        head !== undefined &&
        gap.length <= 50 &&
        /^\s*(?:[\w'’-]+\s+){0,3}?(?:for|in|into|under|within|of)\s+(?:(?:a|an|the|any|new|future|their|its|this|that|such|U\.S\.-China|\w+-\w+)\s+){0,3}$/i.test(
          gap,
        ) &&
        !/[,;]|\band\b|\bor\b/.test(gap);
      if (!qualifies) kept.push(h);
    }
    return kept;
  }

  private claims(unit: Unit, pos: Position): boolean {
    let made = this.claimsOfWords(unit, pos);
    // A quotation of several sentences is one unit, but each of its later sentences may take a stance of its own ("We
    // are ready for a ceasefire. But Russia must first stop its strikes."): those are read as well.
    if (pos.how.endsWith(':sentence')) return made;
    const breaks = [...this.text.slice(pos.from, pos.to).matchAll(SENTENCE_BREAK)];
    for (const [i, m] of breaks.entries()) {
      const start = pos.from + m.index + m[0].length;
      const next = breaks[i + 1];
      const end = next ? pos.from + next.index + 1 : pos.to;
      const own = this.contentStance(start, end);
      if (!own || own.weak) continue;
      made =
        this.claimsOfWords(unit, {
          ...pos,
          stance: own.stance,
          weak: false,
          from: start,
          to: end,
          anaphoric: false,
          evidence: pos.evidence - 0.05,
          how: `${pos.how}:sentence`,
          stanceAt: start + own.at,
        }) || made;
    }
    return made;
  }

  private claimsOfWords(unit: Unit, pos: Position): boolean {
    let hits = this.withoutQualifiers(this.topicsIn(pos.from, pos.to));
    // "build on the Alaska meeting with Putin and clinch a deal": talks already held are what the words start from,
    // not what they are about, when the words name something else.
    const past = pastMeetingsIn(this.text, pos.from, pos.to);
    if (past.length > 0) {
      const inPast = (h: TopicHit) => past.some(([a, b]) => h.start >= a && h.start < b);
      const meetingTopic = (h: TopicHit) => this.c.topics.meetingTopics.has(h.topic);
      const rest = hits.filter((h) => !(meetingTopic(h) && inPast(h)));
      if (rest.length > 0) hits = rest;
    }
    let { topics, fallback } = this.topicSlugs(hits, pos.from, pos.to, past);
    // "… another summit in four months. Zelensky said this meeting would be held without preconditions": a meeting
    // pointed back to is the one just named.
    const pointed = hits.find(
      (h) =>
        h.topic === this.c.topics.talksTopic &&
        /\b(?:this|that|the same|such a|the next|the planned|the proposed)\s+$/i.test(
          this.text.slice(Math.max(0, h.start - 14), h.start),
        ),
    );
    if (
      pointed &&
      topics.length === 1 &&
      this.lastMeeting &&
      this.lastMeeting.topic !== pointed.topic &&
      this.unitIndex - this.lastMeeting.unit <= 2
    )
      topics = [this.lastMeeting.topic];
    // "…, since Putin declined to travel to Turkey": going (or not) with no topic word is going to the talks the
    // sentence named before.
    const { leadersTopic, talksTopic } = this.c.topics;
    if (topics.length === 0 && talksTopic && GOING_TO_START.test(this.text.slice(pos.from, pos.to))) {
      const earlier = this.firstTopicIn(unit.start, pos.from);
      if (earlier && (earlier === talksTopic || earlier === leadersTopic)) topics = [earlier];
    }
    // "Zelensky will not take part in the talks", "Putin did not turn up to the peace talks": a head of state going to
    // talks (or not) is about a leaders' meeting.
    const speakerRole = pos.speaker?.actor ? this.c.resolver.actor(pos.speaker.actor)?.role : undefined;
    if (
      leadersTopic &&
      talksTopic &&
      topics.includes(talksTopic) &&
      speakerRole &&
      HEAD_ROLES.has(speakerRole) &&
      GOING_TO.test(this.text.slice(Math.max(0, pos.from - 40), pos.from + 20))
    )
      topics = [...new Set(topics.map((t) => (t === talksTopic ? leadersTopic : t)))];
    let evidence = pos.evidence;
    let via = topics.length ? (fallback ? 'vague' : 'cue') : 'none';
    // "who put it forward", "rejected it": an object pronoun points to a topic named earlier in the sentence.
    if (
      topics.length === 0 &&
      /^\s*(?:[\w'’-]+\s+){0,1}?(?:it|them|this|that)\b/i.test(this.text.slice(pos.from, pos.to))
    ) {
      const earlier = this.firstTopicIn(unit.start, pos.from);
      if (earlier) {
        topics = [earlier];
        fallback = false;
        evidence -= 0.15;
        via = 'pronoun';
      }
    }
    // "Asked about a ceasefire, Peskov said Russia was not ready": an answer with no topic word is on the question's.
    const question = ASKED_ABOUT.exec(this.text.slice(unit.start, pos.from));
    const asked =
      topics.length === 0 && question ? this.firstTopicIn(unit.start, unit.start + question[0].length) : null;
    if (asked) {
      topics = [asked];
      fallback = false;
      evidence -= 0.15;
      via = 'question';
    }
    // "It must be immediate and unconditional," "This is unacceptable": words about what was just discussed.
    const pointsBack =
      /^\W*(?:it|this|that|such a step|such a move|these|those)\s+(?:is|was|must|should|will|would|has|had|cannot|can|could|needs?|remains?)\b/i.test(
        this.text.slice(pos.from, pos.to).replace(/^[\s"“”«»']+/, ''),
      );
    // A threat with no topic word of its own is about what was just discussed ("… will adopt comprehensive measures and
    // hit back").
    const threatens = THREAT.test(this.text.slice(pos.from, pos.to));
    if (
      topics.length === 0 &&
      (pos.anaphoric || pointsBack || threatens || ANAPHOR.test(this.text.slice(pos.from, pos.to)))
    ) {
      topics = this.antecedent(pos.anaphoric ? pos.stance : null);
      fallback = false;
      evidence -= 0.15;
      via = 'antecedent';
    }
    // A named speaker going on about what they were just saying ("He said the key task was to turn words into
    // deeds", "He said Kyiv must do more"): the topic of their claim just before, in this paragraph or the one
    // before, rather than the profile's fallback topic.
    if (topics.length === 0 && pos.speaker?.actor) {
      // Their claim in the last unit that made any (a proposal it named of another side there does not come between).
      const lastUnit = this.history.findLast((h) => h.unit < this.unitIndex)?.unit;
      const actor = pos.speaker.actor;
      const last = this.history.findLast((h) => h.unit === lastUnit && h.speaker === actor);
      if (
        last &&
        last.speaker === pos.speaker.actor &&
        last.unit < this.unitIndex &&
        this.unitIndex - last.unit <= 2 &&
        this.paragraph - last.paragraph <= 1 &&
        last.topics.length > 0
      ) {
        topics = last.topics.slice(0, 1);
        evidence -= 0.2;
        via = 'same-speaker';
      }
    }
    if ((topics.length === 0 || fallback) && pos.topicIfNone) {
      topics = [pos.topicIfNone];
      fallback = false;
      via = 'invitation';
    }
    // "accepted the invitation, which came from Mnuchin": an invitation with no topic word is one to meet.
    if (topics.length === 0 && /\binvitations?\b/i.test(this.text.slice(pos.from, pos.to))) {
      const meetingTopic = this.invitedTo(unit.start, unit.end);
      if (meetingTopic) {
        topics = [meetingTopic];
        evidence -= 0.1;
        via = 'invitation';
      }
    }
    if (pos.needTopic && (topics.length === 0 || fallback)) return false;
    // A stance with no word of any topic of the profile, not even a vague one ("peace", "the deal"), is left out:
    // what no topic fits is not the negotiation's ("accused Kyiv of lying", "said Moscow must stop hiding"). Read
    // as the fallback topic, such stances were wrong two times in three on the seeds and tuning halves.
    if (topics.length === 0) return false;
    if (fallback) evidence -= 0.1;
    if (pos.stance === 'accusation') {
      // "not living up to its commitments on intellectual property": what a deal or talks word governs is the charge.
      const first = hits.find((h) => h.topic === topics[0]);
      const governed =
        first && this.c.governors.has(first.topic)
          ? hits.find(
              (h) =>
                h.start >= first.end &&
                !h.fallback &&
                !this.c.governors.has(h.topic) &&
                /^\s+(?:on|over|about|for|to)\s+(?:(?:the|a|an|its|their)\s+)?$/i.test(
                  this.text.slice(first.end, h.start),
                ),
            )
          : undefined;
      topics = [governed?.topic ?? topics[0] ?? ''].filter(Boolean);
    }
    const words = this.text.slice(pos.from, pos.to);
    // A condition inside what is said: its topics are demanded ("will lift the blockade only when their troops leave").
    // A threat tied to a condition ("… will face tariffs if China refuses …") demands what the condition names too.
    // So does a plain "if" after what is conceded ("could agree to a ceasefire if Ukraine withdrew …").
    const concedes = pos.stance === 'acceptance' || pos.stance === 'offer' || pos.stance === 'proposal';
    const cond =
      CONDITION.exec(words) ??
      (THREAT.test(words) || concedes ? /(?<!\b(?:even|as|only)\s)\b(?:if|unless)\s/i.exec(words) : null);
    const condAt = cond ? pos.from + cond.index : Number.POSITIVE_INFINITY;
    const threat = cond !== null && THREAT.test(words);
    const stances: Stance[] = [];
    const readings = topics.map((topic) => ({ topic, hit: hits.find((h) => h.topic === topic) }));
    // A topic named both in what is offered and in its condition ("would accept a truce only if Moscow first agreed to
    // a ceasefire on all fronts") is both the stance and a demand: its later mention, in the condition, once more.
    // "until the ceasefire begins" is a time, not a condition.
    if (!threat && !/^until/i.test(cond?.[0] ?? '') && pos.stance !== 'rejection' && pos.stance !== 'demand') {
      for (const { topic, hit } of [...readings]) {
        const again = hits.find((h) => h.topic === topic && h.start >= condAt);
        if (hit && again && again !== hit) readings.push({ topic, hit: again });
      }
    }
    for (const [i, { topic, hit }] of readings.entries()) {
      let stance = pos.stance;
      const meetingTopic = this.c.topics.meetingTopics.has(topic);
      if (threat || (hit && hit.start >= condAt)) stance = 'demand';
      // The condition's own marker ("possible only after …") demands the condition, not what it conditions.
      else if (pos.weak && pos.stance === 'demand' && pos.stanceAt !== undefined && pos.stanceAt >= condAt)
        stance = 'statement';
      else if (meetingTopic && (stance === 'offer' || (stance === 'demand' && pos.weak))) stance = 'proposal';
      const features = [
        'claim',
        ...pos.how.split(':').map((x, k) => (k === 0 ? `how=${x}` : x)),
        `stance=${stance}`,
        `topic-via=${via}`,
        `topics=${Math.min(topics.length, 3)}`,
        `topic-index=${Math.min(i, 2)}`,
        pos.weak ? 'weak' : 'firm',
        stance !== pos.stance ? 'by-condition' : '',
        threat ? 'threat' : '',
        pos.speaker?.actor ? (pos.speaker.person ? 'speaker=person' : 'speaker=institution') : 'speaker=bare',
        this.profile.parties.includes(pos.side) ? 'side=party' : 'side=third',
        meetingTopic ? 'topic=meeting' : '',
        pos.madeOn ? 'dated' : 'undated',
        this.unitQuotes.length ? 'quoted-unit' : '',
        hit ? `cue-distance=${hit.start - pos.from < 40 ? 'near' : hit.start - pos.from < 120 ? 'mid' : 'far'}` : '',
        this.unitIndex <= 2 ? 'lead' : '',
        `unit-claims=${Math.min(this.unitClaims.size, 2)}`,
      ].filter(Boolean);
      this.claim(
        unit,
        pos.speaker,
        pos.side,
        topic,
        stance,
        pos.madeOn,
        words,
        evidence - (pos.weak ? 0.1 : 0),
        features,
      );
      stances.push(stance);
    }
    this.history.push({
      stance: pos.stance,
      topics: fallback ? [] : topics,
      unit: this.unitIndex,
      paragraph: unit.paragraph,
      speaker: pos.speaker?.actor ?? null,
      madeOn: pos.madeOn,
    });
    const meetingStance = stances.find(
      (s, i) => MEETING_STANCES.has(s) && this.c.topics.meetingTopics.has(topics[i] ?? ''),
    );
    if (meetingStance && !fallback) this.meeting(unit, pos, topics, words);
    return true;
  }

  private meeting(unit: Unit, pos: Position, topics: string[], words: string) {
    const proposer = pos.proposer ?? pos.speaker;
    const leaders = this.c.topics.leadersTopic;
    const m = meetingIn({
      scope: words,
      offset: pos.from,
      text: this.text,
      mentions: this.unitMentions,
      proposerSide: proposer?.side ?? pos.side,
      parties: this.profile.parties,
      leaders: leaders !== null && topics.includes(leaders),
      ref: pos.madeOn ?? this.source.publishedAt,
      notPlaces: this.c.notPlaces,
      proposerRole: proposer?.actor ? (this.c.resolver.actor(proposer.actor)?.role ?? null) : null,
    });
    if (!m) return;
    const data: MeetingProposedData = {
      ...this.provenance(unit),
      proposer: proposer?.actor ?? null,
      proposerSide: proposer?.side ?? pos.side,
      participants: m.participants,
      level: m.level,
      location: m.location,
      timeframe: m.timeframe,
      window: m.window,
      madeOn: pos.madeOn,
    };
    this.push({ type: 'MeetingProposed', data }, pos.evidence - 0.05, [
      'meeting',
      `level=${m.level}`,
      m.location ? 'located' : 'no-place',
      m.timeframe ? 'timed' : 'no-time',
      proposer?.actor ? 'proposer=named' : 'proposer=bare',
      `how=${pos.how.split(':')[0]}`,
      `participants=${Math.min(m.participants.length, 3)}`,
    ]);
  }

  /** The stance and strength the reported words carry ("must" → demand, "ready to" → offer). */
  private contentStance(from: number, to: number): { stance: Stance; weak: boolean; at: number } | null {
    CUTTERS.lastIndex = 0;
    // Quotation marks are left out ('would “immediately end the pause'), each word keeping its offset in the text.
    const words = this.text.slice(from, to).toLowerCase().replace(/[’‘]/g, "'");
    const offsets: number[] = [];
    let all = '';
    for (let i = 0; i < words.length; i++) {
      const c = words.charAt(i);
      if (c === '"' || c === '“' || c === '”' || c === '«' || c === '»') {
        // A mark between two words still parts them.
        if (all.length > 0 && !/\s/.test(all.charAt(all.length - 1)) && !/\s/.test(words.charAt(i + 1))) {
          all += ' ';
          offsets.push(i);
        }
        continue;
      }
      all += c;
      offsets.push(i);
    }
    // "would not say whether Moscow accepted the truce": words that ask whether there was a stance take none.
    if (/^\s*whether\b/.test(all)) return null;
    // The words of a condition ("… until China agreed to a deal") are asked of others: they give the speaker no stance.
    const cond = CONDITION.exec(all);
    const condEnd = cond ? cond.index + cond[0].length : Number.POSITIVE_INFINITY;
    let best: { stance: Stance; weak: boolean; at: number } | null = null;
    for (const cue of CONTENT_CUES) {
      const m = cue.re.exec(all);
      if (!m || m.index >= condEnd) continue;
      // "that accepting the plan was tantamount to ceding land": a gerund heading the clause as its subject.
      if (
        /ing\b/.test(m[0]) &&
        /^\W*(?:that\s+)?$/.test(all.slice(0, m.index)) &&
        GERUND_SUBJECT.test(all.slice(m.index + m[0].length))
      )
        continue;
      const cand = { stance: cue.stance, weak: !cue.strong, at: offsets[m.index] ?? m.index };
      if (!best || (best.weak && !cand.weak) || (best.weak === cand.weak && cand.at < best.at)) best = cand;
    }
    return best;
  }

  private stanceOf(a: Anchor): Stance | null {
    if (a.negated) {
      // "Kyiv has not commented on the proposal", "did not say": no words, so no stance (not a rejection).
      if (a.cue.kind === 'report') return null;
      const base = (a.kind === 'stance' || a.kind === 'owner') && a.cue.kind !== 'present' ? a.stance : a.noun?.stance;
      if (!base) return null;
      return NEGATED_STANCE[base] ?? null;
    }
    if (a.cue.kind === 'present') return a.noun?.stance ?? null;
    if (a.kind === 'stance' || a.kind === 'owner' || a.kind === 'act') return a.stance;
    return a.noun?.stance ?? null;
  }

  /** One predicate: a stance of its own, or a reporter whose words carry stances. */
  private emit(
    unit: Unit,
    anchors: Anchor[],
    a: Anchor,
    reporter: Speaker | null,
    ctx: { quoteSpeaker: Speaker | null; madeOn: string | null; unitPersons: Speaker[] },
  ): boolean {
    if (a.conditional && a.kind !== 'owner') return false;
    // "Trump said Russia must accept a ceasefire": what the reporter says another must do is the reporter's demand (read
    // from the reporter's words), not a stance its subject took.
    // So is the subjunctive under a demand ("insisted that Russia accept a ceasefire").
    const subjunctive =
      a.parent !== null &&
      DEMAND_VERB.test(a.parent.lemma) &&
      /\bthat\s*$/i.test(this.text.slice(a.parent.verbEnd, a.subject?.start ?? 0)) &&
      this.text.slice(a.verbStart, a.verbEnd).toLowerCase() === a.lemma;
    if (
      reporter &&
      a.kind === 'stance' &&
      a.subject &&
      a.subject.side !== reporter.side &&
      (subjunctive || OBLIGED.test(this.text.slice(a.subject.end, a.verbStart)))
    )
      return this.content(
        unit,
        a.parent ?? a,
        reporter,
        reporter.side,
        ctx.madeOn,
        a.subject.start,
        a.scopeEnd,
        reporter.actor !== null,
        'demand',
      );
    const subject = a.subject;
    const madeOn = ctx.madeOn;
    if (subject?.kind === 'plural') {
      // Agreements of several sides are read by agreements.ts; a plural's stance is each side's.
      if (/^(?:agree|sign|reach|strike|conclude|settle)$/.test(a.lemma)) return false;
      // A bare "they" inside the words of officials, an institution or a delegation is theirs ("Russian officials said
      // they were ready to …"); elsewhere it names no side ("when they don't want a meeting, they invite you").
      const theyReporter =
        subject.pronoun === 'they' && subject.sides.length === 0 && a.parent && reporter && !reporter.person
          ? reporter
          : null;
      if (subject.pronoun === 'they' && subject.sides.length === 0 && !theyReporter) return false;
      // "Kyiv and Washington said Moscow must pull back": what several sides say of a third is each one's claim (what
      // they say of themselves is read by agreements.ts).
      const ofOther =
        (a.cue.kind === 'report' || a.kind === 'according') &&
        !a.noun &&
        !a.negated &&
        subject.sides.length >= 2 &&
        speaksOfAnotherSide(this.unitMentions, this.text, a.scopeStart, subject.sides);
      const stance = ofOther ? 'statement' : this.stanceOf(a);
      if (!stance) return false;
      // Each named member speaks ("Lavrov and Peskov rejected …": one claim each); a side named only as a country or
      // a group speaks through the reporter of that side, else with no speaker.
      const speakers: { speaker: Speaker | null; side: string }[] = [];
      const sides = theyReporter ? [] : subject.sides.length >= 1 ? subject.sides : this.profile.parties;
      if (theyReporter) speakers.push({ speaker: theyReporter, side: theyReporter.side });
      for (const side of sides) {
        const members = (subject.members ?? []).filter((x) => x.side === side && x.actor);
        for (const m of members) speakers.push({ speaker: { actor: m.actor, side, person: m.person }, side });
        if (members.length === 0)
          speakers.push({ speaker: reporter && reporter.side === side ? reporter : null, side });
      }
      let any = false;
      const childrenMade: { value: boolean | null } = { value: null };
      for (const { speaker, side } of speakers) {
        if (ofOther) {
          const own = speaker ?? { actor: null, side, person: false };
          any = this.reportedWords(unit, anchors, a, own, side, own, madeOn, ctx, childrenMade) || any;
          continue;
        }
        any =
          this.claims(unit, {
            speaker,
            side,
            stance,
            weak: false,
            from: a.scopeStart,
            to: a.scopeEnd,
            madeOn,
            proposer: null,
            anaphoric: a.noun?.anaphoric ?? false,
            evidence: 0.75,
            how: `plural:${a.lemma}`,
          }) || any;
      }
      return any;
    }
    const own = this.resolve(
      subject,
      reporter,
      ctx.quoteSpeaker,
      ctx.unitPersons,
      a.insideQuote && subject?.kind === 'pronoun',
    );
    if (!own) {
      // An unresolved reporter ("the newspaper said"): stances under it speak for themselves.
      if (a.cue.kind === 'report' || a.kind === 'according') {
        let any = false;
        for (const child of anchors.filter((b) => b.parent === a && !b.absorbed))
          any = this.emit(unit, anchors, child, null, ctx) || any;
        // "China will remove its tariffs on soybeans, the ministry said": words whose subject is a side are that
        // side's position, with no speaker (labelling: a source of no side reporting a named side).
        const sideSubject = any || a.noun ? null : this.sideOpening(a.scopeStart, a.scopeEnd);
        if (sideSubject)
          any = this.content(
            unit,
            a,
            { actor: null, side: sideSubject, person: false },
            sideSubject,
            madeOn,
            a.scopeStart,
            a.scopeEnd,
            false,
          );
        return any;
      }
      return false;
    }
    // "Russia agreed with Ukraine to …", "“We have agreed to …”" in a quotation: an agreement (read by agreements.ts).
    if (a.lemma === 'agree' && !a.negated && (this.agreedWith(a, own) || (subject?.pronoun === 'we' && a.insideQuote)))
      return false;
    // The other side "refused to implement the Minsk agreements", in a reporter's words: the reporter accuses it.
    if (
      reporter &&
      own.side !== reporter.side &&
      a.stance === 'rejection' &&
      a.kind === 'stance' &&
      !a.negated &&
      NON_COMPLIANCE.test(this.text.slice(a.verbEnd, a.verbEnd + 40))
    )
      return this.reporterAccuses(unit, a, reporter, madeOn, 0.7, 'noncompliance');
    // Another side as the subject inside a reporter's quotation ("Putin does not want peace, he wants
    // to split the world," Kyiv said): the reporter's characterisation of it, an accusation.
    // Not a third side's ("Kyiv said: 'The United States will make clear to Russia …'"), nor what the other side offers
    // or accepts ("'Ukraine is prepared to stop all fighting,' Rubio said"): those are that side's own positions.
    if (
      reporter &&
      own.side !== reporter.side &&
      a.insideQuote &&
      a.kind !== 'owner' &&
      this.profile.parties.includes(own.side) &&
      !CONCEDING.has(this.stanceOf(a) ?? this.contentStance(a.scopeStart, a.scopeEnd)?.stance ?? 'statement')
    )
      return this.reporterAccuses(unit, a, reporter, madeOn, 0.55, 'quoted-other');
    // A position of the reporter's side is the reporter's; another side's keeps its own speaker.
    const speaker = reporter && own.side === reporter.side ? reporter : own;
    const side = own.side;
    const named = speaker.actor !== null;
    if ((a.cue.kind === 'report' || a.kind === 'according') && !a.noun)
      return this.reportedWords(unit, anchors, a, speaker, side, own, madeOn, ctx);
    // A side's act in the journalist's words ("Putin sent a lower-level group to Istanbul") makes no claim (measured
    // right a fifth of the time on the tuning halves), but it says who acts and when for the sentences after it.
    // The background acts the labelling names ("annexed Crimea", "recognised the regions' independence", "withdrew
    // from the accord") are the exception: statements in the journalist's words.
    if (a.kind === 'act' && !BACKGROUND_ACT.test(this.text.slice(a.verbStart, a.scopeEnd))) return false;
    // "Under the deal, Washington will not go ahead with the tariffs": the deal's term in the journalist's words, not
    // a stance of the side it binds (labelling: "under the deal, …" is an agreement).
    if (
      !reporter &&
      a.kind === 'stance' &&
      (leadsWithDeal(this.text.slice(unit.start, a.subject ? Math.min(a.subject.start, a.verbStart) : a.verbStart)) ||
        (a.subject !== null && a.subject.end < a.verbStart && dealAside(this.text.slice(a.subject.end, a.verbStart))))
    )
      return false;
    const stance = this.stanceOf(a);
    if (!stance) return false;
    const from = a.patientStart ?? (a.kind === 'owner' ? a.verbStart : a.scopeStart);
    // "invited Zelensky to Moscow": an invitation is to a meeting even when no meeting word follows.
    if (
      a.lemma === 'invite' &&
      !a.negated &&
      this.c.topics.talksTopic &&
      !this.c.topics.find(this.text, from, a.scopeEnd).length
    ) {
      const invitee = this.unitMentions.some(
        (m) => m.start >= a.verbEnd && m.end <= a.scopeEnd && m.side && m.side !== own.side,
      );
      if (invitee) {
        const topic = this.c.topics.talksTopic;
        this.claim(unit, speaker, side, topic, 'proposal', madeOn, this.text.slice(from, a.scopeEnd), 0.7);
        this.meeting(
          unit,
          {
            speaker,
            side,
            stance: 'proposal',
            weak: false,
            from: a.verbStart,
            to: a.scopeEnd,
            madeOn,
            proposer: own,
            anaphoric: false,
            evidence: 0.7,
            how: 'invite',
          },
          [topic],
          this.text.slice(a.verbStart, a.scopeEnd),
        );
        return true;
      }
    }
    const anaphoric =
      a.noun?.anaphoric === true ||
      ((stance === 'rejection' || stance === 'acceptance') && (a.kind === 'stance' || a.patientStart !== null));
    // "Kyiv accused Moscow of insisting on a buffer zone": the accused side's own position is a second claim.
    if (stance === 'accusation' && a.kind === 'stance' && !a.negated) this.accusedPosition(unit, a, madeOn);
    return this.claims(unit, {
      speaker,
      side,
      stance,
      weak: false,
      from,
      to: a.scopeEnd,
      madeOn,
      proposer: own,
      anaphoric,
      needTopic: a.kind === 'owner' && a.patientStart === null,
      evidence: (a.kind === 'owner' ? 0.7 : 0.85) + (named ? 0.05 : 0),
      how: `${a.kind}:${a.cue.kind}${a.negated ? ':neg' : ''}${reporter ? ':reported' : ''}${a.insideQuote ? ':quote' : ''}`,
    });
  }

  /**
   * A reporter's words ("X said …"): the stances of the predicates under it, and the reporter's own claim on the words
   * before the first of them, or on all of them when none took a stance.
   */
  private reportedWords(
    unit: Unit,
    anchors: Anchor[],
    a: Anchor,
    speaker: Speaker,
    side: string,
    own: Speaker,
    madeOn: string | null,
    ctx: { quoteSpeaker: Speaker | null; madeOn: string | null; unitPersons: Speaker[] },
    childrenMade: { value: boolean | null } = { value: null },
  ): boolean {
    const children = anchors.filter((b) => b.parent === a && !b.absorbed);
    // The predicates under it speak once, whoever of several sides reports them.
    let produced = childrenMade.value ?? this.reportedChildren(unit, anchors, a, children, speaker, own, ctx);
    childrenMade.value = produced;
    // The reporter's own words before the first stance it reports ("said a summit made no sense while Kyiv refused
    // …"),
    // or all of them when nothing under it took a stance.
    const first = children.find((b) => b.verbStart >= a.scopeStart);
    const upTo =
      produced && first
        ? Math.max(
            a.scopeStart,
            first.subject && first.subject.start > a.scopeStart ? first.subject.start : first.verbStart,
          )
        : a.scopeEnd;
    if (
      upTo > a.scopeStart &&
      (!produced || (!a.trailing && this.c.topics.find(this.text, a.scopeStart, upTo).some((h) => !h.fallback)))
    ) {
      produced =
        this.content(unit, a, speaker, side, madeOn, a.patientStart ?? a.scopeStart, upTo, speaker.actor !== null) ||
        produced;
    }
    return produced;
  }

  /** The stances of the predicates under a reporter: whether they made a claim (or a deal) of their own. */
  private reportedChildren(
    unit: Unit,
    anchors: Anchor[],
    a: Anchor,
    children: Anchor[],
    speaker: Speaker,
    own: Speaker,
    ctx: { quoteSpeaker: Speaker | null; madeOn: string | null; unitPersons: Speaker[] },
  ): boolean {
    // Reporting that the sides agreed: an agreement (read by agreements.ts), not the reporter's own claim.
    let produced = children.some(
      (b) =>
        b.subject?.kind === 'plural' && /^(?:agree|sign|reach|strike|conclude|settle)$/.test(b.lemma) && !b.negated,
    );
    const childCtx = { ...ctx, quoteSpeaker: ctx.quoteSpeaker ?? (a.trailing || a.colon ? own : null) };
    for (const child of children) {
      const made = this.emit(unit, anchors, child, speaker, childCtx);
      // An owned stance named in the reporter's words ("called Russian and Ukrainian demands contradictory") leaves
      // the reporter's own claim standing.
      if (child.kind !== 'owner') produced = made || produced;
    }
    return produced;
  }

  /** The side whose name opens the words from `from` as their subject ("China will …", "that Russia had …"). */
  private sideOpening(from: number, to: number): string | null {
    const m = this.unitMentions.find((x) => x.side && !x.possessive && x.start >= from && x.start < to);
    if (!m?.side || !/^[\s"“«]*(?:that\s+)?(?:the\s+)?$/i.test(this.text.slice(from, m.start))) return null;
    // A verb must follow the name: "China will", "Russia has", not "China's tariffs".
    return /^\s+(?:(?:also|has|have|had|will|would|is|are|was|were|must|should|could|can|may|might|did|does|do)\b|[a-z]+(?:s|ed)\b)/.test(
      this.text.slice(m.end, m.end + 30),
    )
      ? m.side
      : null;
  }

  /** The reporter's accusation of the side its words are about, over the anchor's words. */
  private reporterAccuses(
    unit: Unit,
    a: Anchor,
    reporter: Speaker,
    madeOn: string | null,
    evidence: number,
    how: string,
  ): boolean {
    return this.claims(unit, {
      speaker: reporter,
      side: reporter.side,
      stance: 'accusation',
      weak: false,
      from: a.scopeStart,
      to: a.scopeEnd,
      madeOn,
      proposer: reporter,
      anaphoric: false,
      evidence,
      how,
    });
  }

  /** The position an accusation attributes to the accused ("accused Moscow of insisting on …"), on the accused's side. */
  private accusedPosition(unit: Unit, a: Anchor, madeOn: string | null): void {
    const accused = this.unitMentions.find(
      (m) => m.start >= a.verbEnd && m.start <= a.verbEnd + 6 && m.side && !m.possessive && m.kind !== 'adjective',
    );
    if (!accused?.side || accused.side === a.subject?.side) return;
    const rest = this.text.slice(accused.end, a.scopeEnd);
    const m = ACCUSED_OF.exec(rest);
    if (!m?.[1]) return;
    const stance = ACCUSED_STANCE[m[1]] ?? 'demand';
    const speaker = accused.person && accused.actor ? { actor: accused.actor, side: accused.side, person: true } : null;
    const from = accused.end + m.index + m[0].length;
    this.claims(unit, {
      speaker,
      side: accused.side,
      stance,
      weak: false,
      from,
      to: a.scopeEnd,
      madeOn,
      proposer: speaker,
      anaphoric: false,
      needTopic: true,
      evidence: 0.6,
      how: 'accused-position',
    });
  }

  private agreedWith(a: Anchor, own: Speaker): boolean {
    return this.unitMentions.some(
      (m) =>
        m.start >= a.verbEnd &&
        m.start < a.verbEnd + 24 &&
        m.side &&
        m.side !== own.side &&
        /^\s+with\s+(?:the\s+)?$/.test(this.text.slice(a.verbEnd, m.start)),
    );
  }

  /** A reporter with no stance under it: the stance and topics come from the reported words. */
  /**
   * Whether the words open with a clause in the subjunctive: "(that) Kyiv withdraw", "that Russia be": a subject, then a
   * verb in its bare form with no modal before it.
   */
  private subjunctiveIn(unit: Unit, from: number, to: number): boolean {
    const toks = unit.tokens.filter((t) => t.start >= from && t.end <= to).slice(0, 8);
    const first = toks[0]?.lower === 'that' ? 1 : 0;
    const verb = toks.findIndex((t, i) => i > first && (t.pos === 'VERB' || t.pos === 'AUX'));
    if (verb <= first) return false;
    const subject = toks.slice(first, verb);
    const v = toks[verb] as (typeof toks)[number];
    return (
      subject.some((t) => t.pos === 'PROPN' || t.pos === 'NOUN') &&
      subject.every((t) => t.pos !== 'VERB' && t.pos !== 'AUX' && t.text !== ',') &&
      v.lower === v.lemma &&
      !/^(?:must|will|would|shall|should|can|could|may|might|do|did|does)$/.test(v.lower)
    );
  }

  /**
   * "hopes the US will remove all tariffs", "expects the two sides to implement the consensus": what the speaker wants of
   * another side (or of both), not of itself ("hopes we will reach a deal" is the speaker's own outlook).
   */
  private wishedOfOthers(unit: Unit, from: number, to: number, side: string): boolean {
    const toks = unit.tokens.filter((t) => t.start >= from && t.end <= to).slice(0, 10);
    const first = toks[0]?.lower === 'that' ? 1 : 0;
    const modal = toks.findIndex((t, i) => i > first && /^(?:will|would|can|could|shall|to)$/.test(t.lower));
    if (modal <= first || modal > first + 5) return false;
    const subject = toks.slice(first, modal);
    if (subject.some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.text === ',')) return false;
    if (/^(?:i|we|it|this|that|there|he|she|they)$/.test(subject[0]?.lower ?? '')) return false;
    const start = subject[0]?.start ?? from;
    const end = subject[subject.length - 1]?.end ?? from;
    const sides = this.unitMentions.filter((m) => m.start >= start && m.end <= end && m.side).map((m) => m.side);
    const both = subject.some((t) => /^(?:two|both|all|sides|parties|countries)$/.test(t.lower));
    return both || (sides.length > 0 && sides.some((s) => s !== side));
  }

  private content(
    unit: Unit,
    a: Anchor,
    speaker: Speaker,
    side: string,
    madeOn: string | null,
    from: number,
    to: number,
    named: boolean,
    /** A stance the frame gives whatever the words carry ("Russia must accept …" is a demand). */
    given?: Stance,
  ): boolean {
    // A deal's terms reported ("Agreements were made on …, Trump said"): an agreement of the sides (agreements.ts), no
    // claim.
    if (this.termsUnit) return false;
    // Words that state a deal's terms ("the road map would let every side …") are the agreement's when the unit reports
    // one; when it reports none (no sides agreed), they stay the speaker's claim.
    const silenced = statesAgreement(this.text.slice(from, to));
    // "Moscow insisted that Kyiv withdraw its forces": the subjunctive under a verb of demanding is a demand.
    const framed =
      given ??
      (a.kind === 'report' &&
      ((DEMAND_VERB.test(a.lemma) && this.subjunctiveIn(unit, from, to)) ||
        (WISH_VERB.test(a.lemma) && this.wishedOfOthers(unit, from, to, side)))
        ? 'demand'
        : undefined);
    const found = framed ? { stance: framed, weak: false, at: 0 } : this.contentStance(from, to);
    // "would be welcome in Moscow whenever he wishes", "ready to receive the president", "our door is open": an
    // invitation.
    const words = this.text.slice(from, to);
    const invitation = INVITATION.test(words);
    const stance = invitation ? 'proposal' : (found?.stance ?? 'statement');
    const topicIfNone = invitation ? (this.invitedTo(from, to) ?? undefined) : undefined;
    const pos: Position = {
      speaker,
      side,
      stance,
      weak: invitation ? false : (found?.weak ?? false),
      from,
      to,
      madeOn,
      proposer: speaker,
      anaphoric: false,
      vague: false,
      topicIfNone,
      evidence: (found && !found.weak ? 0.75 : 0.6) + (named ? 0.05 : 0) + (a.trailing || a.colon ? 0.05 : 0),
      how: `content:${found ? found.stance : 'none'}${a.trailing ? ':trailing' : ''}${a.kind === 'according' ? ':according' : ''}`,
      stanceAt: found && !invitation ? from + found.at : undefined,
    };
    if (silenced) {
      this.silencedClaims.push({ unit, pos });
      return false;
    }
    return this.claims(unit, pos);
  }

  /** Occasions dated in this unit: "the Alaska Summit on Friday", "Tuesday's talks", "a phone call on Wednesday". */
  private noteOccasions(unit: Unit) {
    const re = new RegExp(
      String.raw`\b(${OCCASION_NOUNS})\b[^.;,"“”]{0,40}?\bon\s+(\w+(?:\s+\d{1,2})?)|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\s+(?:[\w-]+\s+)?(${OCCASION_NOUNS})\b|\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.;"“”]{0,60}?\b(${OCCASION_NOUNS})\b`,
      'gi',
    );
    for (let m = re.exec(unit.text); m !== null; m = re.exec(unit.text)) {
      const noun = (m[1] ?? m[4] ?? m[6] ?? '').toLowerCase().replace(/s$/, '');
      if (m[5]) m[3] = m[5];
      const tail = unit.text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      if (/^\s*(?:[-–]|and|to)\s*\d/.test(tail)) continue; // a range of days names no single day
      const day = dayOfClause(`on ${m[2] ?? m[3] ?? ''}`, this.source.publishedAt)?.day;
      if (noun && day) {
        this.occasionDays.set(noun, day);
        // The reporter telling of a dated occasion gone by ("Late on Thursday, the talks produced a breakthrough"):
        // the reports that follow it, in the past simple and with no day of their own, are of that occasion.
        // Not "Monday's summit": a possessive names the occasion, it does not tell of it.
        if (
          !m[4] &&
          !/\b(?:will|would|due|scheduled|set to|planned|expected|next|coming|upcoming|ahead)\b/i.test(unit.text)
        )
          this.lastMadeOn = { day, paragraph: unit.paragraph };
      }
    }
  }

  /** The day of an occasion the frame names ("following the summit", "after the talks"), when the article dated it. */
  private occasionDay(unit: Unit, a: Anchor): string | null {
    if (this.occasionDays.size === 0) return null;
    // The frame's own words: the reporter's clause after the quote for a trailing one, the words before the verb
    // otherwise.
    const frame = a.trailing
      ? this.text.slice(a.subject ? Math.min(a.subject.start, a.verbStart) : a.verbStart, unit.end)
      : this.text.slice(unit.start, a.scopeStart);
    const re = new RegExp(
      String.raw`\b(?:after|following|at|during|in|of|on the sidelines of|ahead of)\s+(?:the|their|this|a|his|her)\s+(?:[\w-]+\s+){0,2}?(${OCCASION_NOUNS})\b`,
      'i',
    );
    const m = re.exec(frame);
    return m?.[1] ? (this.occasionDays.get(m[1].toLowerCase().replace(/s$/, '')) ?? null) : null;
  }

  /** The day an anchor's claim was made (see dates.ts), else carried over from the report it continues. */
  private madeOnOf(unit: Unit, a: Anchor, speaker: Speaker | null = null): string | null {
    const day = dayOfFrame(this.text, unit, a, this.source.publishedAt);
    if (day.day) return day.day;
    const occasion = this.occasionDay(unit, a);
    if (occasion && !day.period) return occasion;
    // The same speaker going on, in this paragraph or the next, on the occasion of their last claim, when it was
    // dated ("…, he added"), whoever spoke in between.
    const before = speaker?.actor ? this.history.findLast((h) => h.speaker === speaker.actor) : undefined;
    // Not what they "had said" before: an earlier occasion.
    const pastPerfect = /\bhad\s+(?:\w+ly\s+)?$/i.test(
      this.text.slice(Math.max(unit.start, a.verbStart - 16), a.verbStart),
    );
    if (!day.period && !a.subordinate && !pastPerfect && before?.madeOn && unit.paragraph - before.paragraph <= 1)
      return before.madeOn;
    if (day.period || a.subordinate || !a.pastSimple) return null;
    if (this.lastMadeOn.day && unit.paragraph - this.lastMadeOn.paragraph <= 2) return this.lastMadeOn.day;
    return this.sameDay ? this.source.publishedAt : null;
  }

  processUnit(unit: Unit, unitMentions: Mention[]) {
    this.unitClaims = new Set();
    this.unitIndex++;
    this.paragraph = unit.paragraph;
    const anchors = findAnchors(unit, unitMentions, this.text);
    const quotes = quoteRanges(this.text, unit.start, unit.end);
    this.unitMentions = unitMentions;
    this.unitQuotes = quotes;
    this.noteOccasions(unit);
    this.termsUnit =
      this.unitIndex <= this.dealUntil && unit.paragraph - this.dealParagraph <= 1 && statesTerms(unit.text, anchors);
    const before = this.events.length;
    const framing =
      anchors.find((a) => a.trailing && !a.parent) ??
      anchors.find(
        (a) =>
          !a.parent &&
          (a.cue.kind === 'report' || a.kind === 'according') &&
          (a.colon || quotes.some(([q]) => q >= a.verbEnd)),
      );
    const startsQuoted = /^["“«]/.test(unit.text);
    const outside = anchors.filter((a) => !a.insideQuote && a.kind !== 'owner');
    const unitPersons: Speaker[] = [];

    // A quotation that stands alone continues the last quoted speaker ("…," he said. "I beg you…").
    const continuation = this.lastQuote && unit.paragraph - this.lastQuote.paragraph <= 1;
    if (
      !framing &&
      outside.length === 0 &&
      continuation &&
      this.lastQuote &&
      (startsQuoted || this.lastQuote.open) &&
      !this.termsUnit
    ) {
      const q = this.lastQuote;
      const inner = anchors.find(
        (a) =>
          (a.kind === 'stance' || a.kind === 'owner') &&
          (a.subject?.kind === 'pronoun' || a.subject?.kind === 'possessive'),
      );
      const found = this.contentStance(unit.start, unit.end);
      const stance = (inner && this.stanceOf(inner)) ?? found?.stance ?? 'statement';
      const produced = this.claims(unit, {
        speaker: q.speaker,
        side: q.speaker.side,
        stance,
        weak: found?.weak ?? false,
        from: unit.start,
        to: unit.end,
        madeOn: q.madeOn,
        proposer: q.speaker,
        anaphoric: false,
        evidence: 0.6,
        how: 'continuation',
      });
      if (!produced && q.topics.length > 0 && stance !== 'statement') {
        for (const topic of q.topics)
          this.claim(unit, q.speaker, q.speaker.side, topic, stance, q.madeOn, unit.text, 0.45);
      }
      for (const a of anchors.filter((x) => x.kind === 'owner' && !x.parent))
        this.emit(unit, anchors, a, q.speaker, { quoteSpeaker: q.speaker, madeOn: q.madeOn, unitPersons });
      this.lastQuote = { ...q, paragraph: unit.paragraph, open: this.quoteOpen(unit) };
      agreementsOf(this.agreementContext(unit, unitMentions, anchors, q.speaker, q.madeOn));
      return;
    }

    // The terms of a proposal just made, spelled out in a sentence of their own ("The plan envisages …",
    // "The proposals would also include …"): proposals of the same proposer, one per topic.
    const proposal = this.lastProposal;
    if (
      proposal &&
      this.unitIndex - proposal.unit <= 3 &&
      unit.paragraph - proposal.paragraph <= 2 &&
      !this.termsUnit &&
      PROPOSAL_TERMS.test(unit.text) &&
      (this.unitIndex - proposal.unit === 1 || !/^\W*(?:it|they)\s/i.test(unit.text))
    ) {
      const produced = this.claims(unit, {
        speaker: proposal.speaker,
        side: proposal.speaker.side,
        stance: 'proposal',
        weak: false,
        from: unit.start,
        to: unit.end,
        madeOn: proposal.madeOn,
        proposer: proposal.speaker,
        anaphoric: false,
        needTopic: true,
        evidence: 0.6,
        how: 'proposal-terms',
      });
      if (produced) {
        this.lastProposal = { ...proposal, unit: this.unitIndex, paragraph: unit.paragraph };
        return;
      }
    }

    // An unattributed sentence that goes on with what someone was just reported to want ("Besides, Ukraine
    // needs to abandon its plan to join NATO"): the same speaker's, as long as it reads as more of it.
    const reported = this.lastReported;
    this.lastReported = null;
    if (
      reported &&
      reported.unit === this.unitIndex - 1 &&
      unit.paragraph - reported.paragraph <= 1 &&
      !this.termsUnit &&
      !anchors.some(
        (a) =>
          !a.parent &&
          a.kind !== 'owner' &&
          a.kind !== 'act' &&
          a.subject &&
          this.resolve(a.subject, null, null, unitPersons) !== null,
      ) &&
      quotes.length === 0 &&
      // A sentence about what another side does or says is not more of the reported words.
      !unitMentions.some(
        (m) =>
          m.side &&
          m.side !== reported.speaker.side &&
          !m.possessive &&
          m.start - unit.start < 40 &&
          !/\b(?:to|with|by|from|of|for|on|at|in|against|that|if|unless|until)\s+(?:the\s+)?$/i.test(
            this.text.slice(unit.start, m.start),
          ),
      )
    ) {
      const found = this.contentStance(unit.start, unit.end);
      const goesOn = CONTINUING.test(unit.text) || (found !== null && !found.weak && found.stance === reported.stance);
      if (goesOn && found && !found.weak) {
        this.claims(unit, {
          speaker: reported.speaker,
          side: reported.speaker.side,
          stance: found.stance,
          weak: false,
          from: unit.start,
          to: unit.end,
          madeOn: reported.madeOn,
          proposer: reported.speaker,
          anaphoric: false,
          needTopic: true,
          evidence: 0.5,
          how: 'reported-on',
        });
      }
    }

    let quoteSpeaker = framing ? this.resolve(framing.subject, null, null, unitPersons) : null;
    let lastSpeaker: Speaker | null = null;
    let lastMade: string | null = null;
    let frameMadeOn: string | null = null;
    const order = [...anchors.filter((a) => a.kind !== 'act'), ...anchors.filter((a) => a.kind === 'act')];
    for (const a of order) {
      if (a.parent || a.absorbed) continue;
      const speaker = this.resolve(a.subject, null, quoteSpeaker, unitPersons);
      const madeOn: string | null =
        a.kind === 'owner' ? (answeredOwner(a, anchors) ? null : frameMadeOn) : this.madeOnOf(unit, a, speaker);
      const n = this.events.length;
      this.emit(unit, anchors, a, null, { quoteSpeaker: a === framing ? speaker : quoteSpeaker, madeOn, unitPersons });
      if (speaker?.person && speaker.actor) {
        unitPersons.push(speaker);
        if (a.subject?.kind === 'mention') this.lastPerson = speaker;
        if (a.kind !== 'owner' && a.kind !== 'act') this.lastSpeakerPerson = speaker;
      }
      if (speaker && !speaker.person && a.subject?.kind === 'mention' && a.kind !== 'owner')
        this.lastInstitution = speaker;
      if (speaker?.person && a.subject?.kind === 'pronoun' && this.lastPerson) this.lastPerson = speaker;
      if (this.events.length > n) {
        lastMade = madeOn;
        lastSpeaker = speaker;
        const last = this.events[this.events.length - 1];
        if (speaker && !a.insideQuote && last?.type === 'ClaimMade' && last.data.side === speaker.side) {
          this.lastReported = {
            speaker,
            stance: last.data.stance,
            madeOn,
            unit: this.unitIndex,
            paragraph: unit.paragraph,
          };
        }
      }
      // "Russia and Ukraine agreed on Friday": sides together speak for no one, but they date what they agreed.
      if ((speaker || a.subject?.kind === 'plural') && a.kind !== 'owner') {
        if (madeOn) this.lastMadeOn = { day: madeOn, paragraph: unit.paragraph };
        if (a === framing || frameMadeOn === null) frameMadeOn = madeOn;
      }
      if (framing === undefined && speaker && a.cue.kind === 'report' && !quoteSpeaker) quoteSpeaker = speaker;
    }
    // People named as subjects here are who "he" and "she" point to next.
    const subjectPerson = unitMentions.find(
      (m) =>
        m.person &&
        m.actor &&
        m.side &&
        !m.possessive &&
        !quotes.some(([a, b]) => m.start > a && m.start < b) &&
        !/\b(?:to|with|by|from|of|for|against|on|at|in|and|told|urged|asked|called|invited|met)\s+(?:the\s+)?$/i.test(
          this.text.slice(Math.max(unit.start, m.start - 20), m.start),
        ),
    );
    this.lastSubjectPerson =
      subjectPerson?.actor && subjectPerson.side
        ? { actor: subjectPerson.actor, side: subjectPerson.side, person: true }
        : null;
    for (const m of unitMentions) {
      if (!m.person || !m.actor || !m.side || m.possessive) continue;
      this.lastPerson = { actor: m.actor, side: m.side, person: true };
      this.recentPersons = [...this.recentPersons.filter((x) => x.actor !== m.actor), this.lastPerson].slice(-8);
    }
    const firstReporter = anchors.find(
      (a) => !a.parent && (a.cue.kind === 'report' || a.kind === 'according') && a.subject?.kind !== 'plural',
    );
    const reporter =
      (framing && this.resolve(framing.subject, null, null, unitPersons)) ||
      (firstReporter && this.resolve(firstReporter.subject, null, null, unitPersons)) ||
      lastSpeaker;
    const agreed = agreementsOf({
      ...this.agreementContext(unit, unitMentions, anchors, reporter, frameMadeOn ?? lastMade),
      terms: this.termsUnit,
    });
    // No deal came of words that read as a deal's terms: they are the speaker's claim after all.
    if (!agreed) for (const { unit: u, pos } of this.silencedClaims) this.claims(u, pos);
    this.silencedClaims = [];
    if (agreed || reportsDeal(unit.text)) {
      this.dealUntil = this.unitIndex + 3;
      this.dealParagraph = unit.paragraph;
    }
    if (this.events.length > before && (quotes.length > 0 || framing?.colon) && reporter) {
      const topics = this.events
        .slice(before)
        .flatMap((e) => (e.type === 'ClaimMade' ? [e.data.topic] : []))
        .slice(-1);
      this.lastQuote = {
        speaker: reporter,
        madeOn: lastMade,
        paragraph: unit.paragraph,
        topics,
        open: this.quoteOpen(unit),
      };
    } else if (reporter && (quotes.length > 0 || framing?.colon)) {
      this.lastQuote = {
        speaker: reporter,
        madeOn: lastMade ?? frameMadeOn,
        paragraph: unit.paragraph,
        topics: [],
        open: this.quoteOpen(unit),
      };
    } else if (this.events.length > before || anchors.length > 0) {
      this.lastQuote = null;
    }
  }

  /** Whether a quotation opened in this unit runs on into the next paragraph (each paragraph reopening the mark). */
  private quoteOpen(unit: Unit): boolean {
    const q = quoteRanges(this.text, unit.start, unit.end);
    const last = q[q.length - 1];
    return last !== undefined && last[1] === unit.end && !/["”»]$/.test(unit.text);
  }

  /** The sides of the talks last reported: whom "the four parties" or "the leaders" agreeing means. */
  private talkers: string[] = [];

  private agreementContext(
    unit: Unit,
    unitMentions: Mention[],
    anchors: Anchor[],
    reporter: Speaker | null,
    madeOn: string | null,
  ) {
    const talkers = talkersIn(unit, this.text, unitMentions, anchors);
    if (talkers.length >= 2) this.talkers = talkers;
    return {
      talkers: this.talkers,
      unit,
      text: this.text,
      mentions: unitMentions,
      anchors,
      profile: this.profile,
      topicsIn: (from: number, to: number) => this.topicsIn(from, to),
      dealTopics: this.c.dealTopics,
      reporter,
      madeOn,
      publishedAt: this.source.publishedAt,
      push: (
        data: Omit<AgreementReportedData, 'source' | 'quote' | 'span' | 'extractor' | 'confidence'>,
        confidence: number,
        features: string[] = [],
      ) => {
        this.agreedUnit = this.unitIndex;
        this.push({ type: 'AgreementReported', data: { ...this.provenance(unit), ...data } }, confidence, [
          'agreement',
          `parties=${Math.min(data.parties.length, 4)}`,
          ...features,
        ]);
      },
      already: () => this.agreedUnit === this.unitIndex,
    };
  }
}

/**
 * Turns one article into the events of the domain: ClaimMade, MeetingProposed and
 * AgreementReported, each with the exact sentence it came from and its offsets in the
 * normalised text. Pure: no file system, no network; the wink model loads once on first use.
 */
export function extractArticle(input: ArticleInput, options: ExtractOptions = {}): ExtractedArticle {
  const profile = options.profile ?? defaultProfile;
  const { text, metadata, sameDay } = normaliseArticle(input);
  const documentId = documentIdOf(text);
  if (!text.trim()) return { text, documentId, metadata, events: [], evidence: [] };
  const c = compile(profile);
  forgetParsedDays();
  const mentions = mergeMentions(c.resolver.findMentions(text, { date: metadata.publishedAt }), text);
  const source: Source = {
    documentId,
    url: metadata.url,
    publisher: metadata.publisher,
    publishedAt: metadata.publishedAt,
    title: metadata.title,
  };
  const run = new ArticleRun(text, profile, c, source, sameDay);
  let mi = 0;
  for (const unit of splitUnits(text)) {
    while (mi < mentions.length && (mentions[mi]?.end ?? 0) <= unit.start) mi++;
    const unitMentions: Mention[] = [];
    for (let j = mi; j < mentions.length && (mentions[j]?.start ?? 0) < unit.end; j++) {
      const m = mentions[j];
      if (m && m.start >= unit.start && m.end <= unit.end) unitMentions.push(m);
    }
    run.processUnit(unit, unitMentions);
  }
  // Events whose evidence is most often wrong are not emitted (the threshold comes with the confidence model).
  const keep = run.events.map((e) => options.keepAll || (e.data.confidence ?? 1) >= CONFIDENCE_THRESHOLD);
  return {
    text,
    documentId,
    metadata,
    events: run.events.filter((_, i) => keep[i]),
    evidence: run.evidence.filter((_, i) => keep[i]),
  };
}
