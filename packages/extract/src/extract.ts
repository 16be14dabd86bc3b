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
import { type Anchor, findAnchors, mergeMentions, quoteRanges, type Subject } from './attribution.ts';
import { dayOfClause } from './dates.ts';
import { CONTENT_CUES, CUTTERS, NEGATED_STANCE, STANCE_NOUNS } from './lexicon.ts';
import { leaderParticipants, meetingIn, OCCASION, withoutOccasions } from './meetings.ts';
import { type ArticleInput, type ArticleMetadata, normaliseArticle } from './normalise.ts';
import { parseQuantities } from './quantities.ts';
import { createTopicFinder, type TopicFinder, type TopicHit } from './topics.ts';
import { splitUnits, type Unit } from './units.ts';

/** What produced the events; bump the version when rules change what is extracted. */
export const EXTRACTOR = { name: 'rule-extractor', version: '0.2.0' } as const;

export interface ExtractOptions {
  profile?: Profile;
}

export interface ExtractedArticle {
  /** The normalised article text that every span points into. */
  text: string;
  documentId: string;
  metadata: ArticleMetadata;
  events: FactEvent[];
}

/** Who a claim is attributed to. */
interface Speaker {
  actor: string | null;
  side: string;
  person: boolean;
}

interface Compiled {
  resolver: Resolver;
  topics: TopicFinder;
}
const compiled = new WeakMap<Profile, Compiled>();
function compile(profile: Profile): Compiled {
  let c = compiled.get(profile);
  if (!c) {
    c = { resolver: createResolver(profile), topics: createTopicFinder(profile) };
    compiled.set(profile, c);
  }
  return c;
}

const MEETING_STANCES = new Set<Stance>(['proposal', 'offer', 'demand']);
/** Refusing to carry out what was agreed: "refused to implement", "refuses to comply with". */
const NON_COMPLIANCE = /^\s+to\s+(?:fully\s+)?(?:implement|comply|honou?r|fulfil|fulfill|abide|respect|observe|stick)\b/i;
/** From a proposed meeting on, a day named is the meeting's, not the day something was said. */
const FUTURE_MEETING = /\b(?:to|will|would|could|can|should|may|might|shall)\s+(?:\w+\s+)?(?:meet|host|hold (?:talks|a meeting|a summit))\b/i;
const PROPOSED_MEETING = /\b(?:propos|offer|suggest|invit)\w*\s+(?:[\w'’-]+\s+){0,6}?((?:a\s+|an\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:meeting|summit|talks|round|negotiations))\b/i;
const MEETING_WORD = /meet|summit|talks|round|negotiations/i;

/** Where a proposed meeting starts in a clause ("to meet …", "proposed … a meeting …"), or -1. */
function futureMeetingAt(region: string): number {
  if (!MEETING_WORD.test(region)) return -1;
  const a = FUTURE_MEETING.exec(region);
  const b = PROPOSED_MEETING.exec(region);
  const bAt = b ? b.index + b[0].length - (b[1]?.length ?? 0) : -1;
  if (a && (bAt < 0 || a.index < bAt)) return a.index;
  return bAt;
}
const NOUN_ANTECEDENT: Record<Stance, Stance[]> = {
  demand: ['demand'],
  proposal: ['proposal', 'offer'],
  offer: ['proposal', 'offer'],
  accusation: ['accusation'],
  acceptance: ['demand', 'proposal', 'offer'],
  rejection: ['demand', 'proposal', 'offer'],
  statement: ['demand', 'proposal', 'offer'],
};

/** Everything one article run needs to carry from sentence to sentence. */
class ArticleRun {
  readonly events: FactEvent[] = [];
  private lastPerson: Speaker | null = null;
  private lastMadeOn: string | null = null;
  private lastQuote: { speaker: Speaker; madeOn: string | null; paragraph: number; topics: string[] } | null = null;
  private history: { stance: Stance; topics: string[] }[] = [];
  private unitClaims = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly profile: Profile,
    private readonly c: Compiled,
    private readonly mentions: Mention[],
    private readonly source: Source,
  ) {}

  private provenance(unit: Unit) {
    return { source: this.source, quote: unit.text, span: { start: unit.start, end: unit.end }, extractor: { ...EXTRACTOR } };
  }

  private name(s: Speaker): string {
    return (s.actor && this.c.resolver.actor(s.actor)?.name) || this.profile.sides.find((x) => x.slug === s.side)?.name || s.side;
  }

  /** Topic hits in [from, to), stopping at the first subordinate clause that follows a found topic. */
  private topicsIn(from: number, to: number): TopicHit[] {
    const slice = this.text.slice(from, to);
    const cuts: number[] = [];
    CUTTERS.lastIndex = 0;
    for (let m = CUTTERS.exec(slice); m !== null; m = CUTTERS.exec(slice)) cuts.push(from + m.index);
    cuts.push(to);
    let fallback: TopicHit[] = [];
    // Talks that are only the occasion ("at talks in Istanbul on Monday") are not a topic when another topic is named.
    const occasions: [number, number][] = [];
    if (MEETING_WORD.test(slice)) {
      OCCASION.lastIndex = 0;
      for (let m = OCCASION.exec(slice); m !== null; m = OCCASION.exec(slice)) occasions.push([from + m.index, from + m.index + m[0].length]);
    }
    for (const end of cuts) {
      let hits = this.c.topics.find(this.text, from, end);
      if (occasions.length > 0) {
        const kept = hits.filter((h) => !(this.c.topics.meetingTopics.has(h.topic) && occasions.some(([a, b]) => h.start >= a && h.end <= b)));
        if (kept.some((h) => !h.fallback)) hits = kept;
      }
      if (hits.some((h) => !h.fallback)) return hits;
      if (fallback.length === 0) fallback = hits;
    }
    return fallback;
  }

  /** Topic slugs of a claim's words, with the leaders' meeting rule applied. */
  private topicSlugs(hits: TopicHit[], from: number, to: number): { topics: string[]; fallback: boolean } {
    let topics = [...new Set(hits.map((h) => h.topic))];
    const fallback = hits.length > 0 && hits.every((h) => h.fallback);
    if (!fallback && topics.includes('negotiations') && leaderParticipants(this.text.slice(from, to), from, this.mentions, this.text).length > 0) {
      topics.push('leaders_meeting');
    }
    if (topics.includes('leaders_meeting')) topics = topics.filter((t) => t !== 'negotiations');
    return { topics, fallback };
  }

  private antecedent(noun: Stance | null): string[] {
    const wanted = NOUN_ANTECEDENT[noun ?? 'statement'];
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i];
      if (h && wanted.includes(h.stance) && h.topics.length > 0) return h.topics;
    }
    return [];
  }

  private resolve(subject: Subject | null, parent: Speaker | null, quoteSpeaker: Speaker | null): Speaker | null {
    if (!subject) return null;
    if (subject.kind === 'mention') return subject.side ? { actor: subject.actor, side: subject.side, person: subject.person } : null;
    const p = subject.pronoun;
    if (p === 'i' || p === 'we' || p === 'my' || p === 'our') return quoteSpeaker ?? parent;
    if (p === 'he' || p === 'she' || p === 'his' || p === 'her') {
      const who = parent?.person ? parent : this.lastPerson;
      if (!who) return null;
      return subject.kind === 'possessive' ? { actor: null, side: who.side, person: false } : who;
    }
    // "Ukraine said it had agreed …": "it" is the institution or country that reports.
    if (p === 'it') return parent && !parent.person ? parent : null;
    if (subject.kind === 'possessive' && parent) return { actor: null, side: parent.side, person: false };
    return null;
  }

  private claim(unit: Unit, speaker: Speaker | null, side: string, topic: string, stance: Stance, madeOn: string | null, words: string): boolean {
    const k = `${speaker?.actor ?? ''}|${side}|${topic}|${stance}`;
    if (this.unitClaims.has(k)) return true;
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
    this.events.push({ type: 'ClaimMade', data });
    return true;
  }

  /** Emits the claims (and any meeting) of one stance with its topics. */
  private claims(
    unit: Unit,
    args: { speaker: Speaker | null; side: string; stance: Stance; weak: boolean; hits: TopicHit[]; from: number; to: number; madeOn: string | null; proposer: Speaker | null; antecedentNoun: Stance | null | undefined },
  ): boolean {
    let { topics, fallback } = this.topicSlugs(args.hits, args.from, args.to);
    if (topics.length === 0 && args.antecedentNoun !== undefined) {
      topics = this.antecedent(args.antecedentNoun);
      fallback = false;
    }
    if (topics.length === 0) return false;
    if (args.stance === 'accusation') topics = topics.slice(0, 1);
    const words = this.text.slice(args.from, args.to);
    const stances: Stance[] = [];
    for (const topic of topics) {
      let stance = args.stance;
      const meetingTopic = this.c.topics.meetingTopics.has(topic);
      // Vague words ("a peace deal") make a statement, unless the stance is taking a side on them ("agreed to a peace deal").
      if (fallback && stance !== 'acceptance' && stance !== 'rejection') stance = 'statement';
      else if (meetingTopic && (stance === 'offer' || (stance === 'demand' && args.weak))) stance = 'proposal';
      this.claim(unit, args.speaker, args.side, topic, stance, args.madeOn, words);
      stances.push(stance);
    }
    this.history.push({ stance: args.stance, topics: fallback ? [] : topics });
    const meetingStance = stances.find((s, i) => MEETING_STANCES.has(s) && this.c.topics.meetingTopics.has(topics[i] ?? ''));
    if (meetingStance && !fallback) {
      const proposer = args.proposer ?? args.speaker;
      const m = meetingIn({
        scope: words,
        offset: args.from,
        text: this.text,
        mentions: this.mentions,
        proposerSide: proposer?.side ?? args.side,
        parties: this.profile.parties,
        leaders: topics.includes('leaders_meeting'),
        ref: args.madeOn ?? this.source.publishedAt,
      });
      if (m) {
        const data: MeetingProposedData = {
          ...this.provenance(unit),
          proposer: proposer?.actor ?? null,
          proposerSide: proposer?.side ?? args.side,
          participants: m.participants,
          level: m.level,
          location: m.location,
          timeframe: m.timeframe,
          window: m.window,
          madeOn: args.madeOn,
        };
        this.events.push({ type: 'MeetingProposed', data });
      }
    }
    return true;
  }

  private agreement(unit: Unit, a: Anchor, reporter: Speaker | null, madeOn: string | null): boolean {
    const subject = a.subject;
    const all = this.topicsIn(a.verbEnd, a.scopeEnd);
    // A vague object ("work on ending the war") is an agreement on the fallback topic.
    const first = all.find((h) => !h.fallback) ?? all[0];
    let topic = first?.topic;
    if (!first || !topic) return false;
    // Leaders agreeing to meet: a leaders' meeting.
    const meetWord = /^(?:meet|meeting|meetings|summit|talks)$/i.test(this.text.slice(first.start, first.end));
    if (topic === 'negotiations' && meetWord && this.profile.topics.some((t) => t.slug === 'leaders_meeting') && /\b(?:leaders|presidents|heads of state)\b/i.test(subject?.text ?? '')) topic = 'leaders_meeting';
    const sides = subject && subject.sides.length >= 2 ? subject.sides : this.profile.parties;
    const terms = this.text.slice(a.verbEnd, a.scopeEnd).replace(/^\s*(?:to|on|upon)\s+/, '').replace(/\s*(?:,?\s*and(?: that)?|[,.;:"”])\s*$/, '').trim();
    this.pushAgreement(unit, topic, sides, terms || unit.text, reporter, madeOn);
    return true;
  }

  private pushAgreement(unit: Unit, topic: string, parties: string[], terms: string, reporter: Speaker | null, madeOn: string | null) {
    const data: AgreementReportedData = {
      ...this.provenance(unit),
      parties: [...new Set(parties)],
      topic,
      terms,
      quantities: parseQuantities(terms),
      reportedBy: reporter?.actor ?? null,
      madeOn,
    };
    this.events.push({ type: 'AgreementReported', data });
  }

  /** The day an anchor's claim was made (see dates.ts), else carried over from the report it continues. */
  private madeOnOf(a: Anchor, from: number, to: number): string | null {
    // Relative modifiers date the thing, not the saying: "an offer …, first floated in May".
    // Nor does the time of a proposed meeting: "ready to meet Putin in Istanbul on Thursday".
    let region = this.text.slice(from, to).replace(/,\s(?:first|which|where|who|when|since)\b[\s\S]*$/, '');
    const future = futureMeetingAt(withoutOccasions(region));
    if (future >= 0) {
      // Up to the end of the proposal's clause: a closing quote, a dash, or the attribution (", Peskov said on Monday").
      const rest = region.slice(future);
      const stop = /["”»;]|\s[–—]\s|,\s(?=[^,.;]{0,50}\b(?:said|says|told|added|announced|according)\b)/.exec(rest);
      region = region.slice(0, future) + (stop ? rest.slice(stop.index) : '');
    }
    const d = dayOfClause(region, this.source.publishedAt);
    if (d?.day) return d.day;
    if (d?.period || a.subordinate) return null;
    return a.pastSimple ? this.lastMadeOn : null;
  }

  /** One reported stance: a stance verb, or a reporter whose words carry the stance. */
  private emit(unit: Unit, anchors: Anchor[], a: Anchor, reporter: Speaker | null, parentSpeaker: Speaker | null, quoteSpeaker: Speaker | null, madeOn: string | null): boolean {
    if (a.conditional) return false;
    // Negated stances: "had not agreed to", "will not offer" → rejection; "does not demand" → statement.
    let negatedStance: Stance | null = null;
    if (a.negated) {
      if (a.cue.kind !== 'stance' && !a.noun) return false;
      negatedStance = NEGATED_STANCE[a.cue.kind === 'stance' ? a.stance : (a.noun?.stance ?? 'statement')] ?? null;
      if (!negatedStance) return false;
    }
    const subject = a.subject;
    if (subject?.kind === 'plural') {
      if (a.lemma === 'agree') return a.negated ? false : this.agreement(unit, a, reporter, madeOn);
      if (a.cue.kind !== 'stance' && !a.noun) return false;
      const sides = subject.sides.length >= 1 ? subject.sides : this.profile.parties;
      const hits = this.topicsIn(a.verbStart, a.scopeEnd);
      let any = false;
      for (const side of sides) {
        const member = subject.members?.find((x) => x.side === side && x.actor);
        const speaker = member?.actor ? { actor: member.actor, side, person: member.person } : reporter && reporter.side === side ? reporter : null;
        any = this.claims(unit, { speaker, side, stance: negatedStance ?? (a.cue.kind === 'stance' ? a.stance : (a.noun?.stance ?? 'statement')), weak: false, hits, from: a.verbStart, to: a.scopeEnd, madeOn, proposer: null, antecedentNoun: a.noun?.anaphoric ? a.noun.stance : undefined }) || any;
      }
      return any;
    }
    const own = this.resolve(subject, parentSpeaker, quoteSpeaker);
    if (a.lemma === 'agree' && !a.negated && subject?.pronoun === 'we' && a.insideQuote) return this.agreement(unit, a, reporter ?? own, madeOn);
    // "Russia agreed with Ukraine to …": two sides named, an agreement.
    if (a.lemma === 'agree' && !a.negated && own && subject) {
      const partner = this.mentions.find((m) => m.start >= a.verbEnd && m.start < a.verbEnd + 20 && m.side && m.side !== own.side && /^\s+with\s+(?:the\s+)?$/.test(this.text.slice(a.verbEnd, m.start)));
      if (partner?.side) return this.agreement(unit, { ...a, verbEnd: partner.end, subject: { ...subject, kind: 'plural', sides: [own.side, partner.side] } }, reporter ?? own, madeOn);
    }
    const top = reporter ?? own;
    if (!top) return false;
    // The other side "refused to implement the Minsk agreements", in a reporter's words: the reporter accuses it.
    if (reporter && own && own.side !== reporter.side && a.stance === 'rejection' && !a.negated && NON_COMPLIANCE.test(this.text.slice(a.verbEnd, a.verbEnd + 40))) {
      return this.claims(unit, { speaker: reporter, side: reporter.side, stance: 'accusation', weak: false, hits: this.topicsIn(a.verbStart, a.scopeEnd), from: a.verbStart, to: a.scopeEnd, madeOn, proposer: reporter, antecedentNoun: undefined });
    }
    const speaker = reporter && own && own.side !== reporter.side ? own : reporter ?? own;
    const side = own?.side ?? top.side;
    if (a.cue.kind !== 'stance' && !a.noun) {
      // A reporter: its words are stances of their own, or carry the stance in their wording.
      const children = anchors.filter((b) => b.parent === a && !b.absorbed);
      let produced = false;
      for (const child of children) produced = this.emit(unit, anchors, child, speaker, own ?? parentSpeaker, quoteSpeaker ?? (a.trailing ? own : null), madeOn) || produced;
      if (produced) {
        // The reporter's own words before the first stance it reports: "said a Normandy summit made no sense while Kyiv refused …".
        const first = children[0];
        const upTo = first ? (first.subject && first.subject.start > a.verbEnd ? first.subject.start : first.verbStart) : a.verbEnd;
        if (!a.trailing && upTo > a.verbEnd && this.c.topics.find(this.text, a.verbEnd, upTo).some((h) => !h.fallback)) {
          this.content(unit, anchors, { ...a, scopeEnd: upTo }, speaker ?? top, side, madeOn);
        }
        return true;
      }
      return this.content(unit, anchors, a, speaker ?? top, side, madeOn);
    }
    const stance = negatedStance ?? (a.cue.kind === 'stance' ? a.stance : (a.noun?.stance ?? 'statement'));
    let hits = this.topicsIn(a.verbStart, a.scopeEnd);
    // "invited Zelensky to Moscow": an invitation is to a meeting even when no meeting word follows.
    if (hits.length === 0 && a.lemma === 'invite' && !a.negated && this.mentions.some((m) => m.start >= a.verbEnd && m.end <= a.scopeEnd && m.side)) {
      hits = [{ topic: 'negotiations', start: a.verbEnd, end: a.scopeEnd, fallback: false }];
    }
    // "the US proposal for a 30-day ceasefire": a stance noun with a topic of its own is not anaphoric.
    const nounAnaphoric = a.noun?.anaphoric === true && !this.ownTopic(a.noun.end, a.scopeEnd);
    // "open to proposals", "presented a plan": a new proposal that names no topic is about the talks themselves.
    const fallbackTopic = this.profile.fallbackTopic?.topic;
    if (!hits.some((h) => !h.fallback) && a.noun && !nounAnaphoric && (a.noun.stance === 'proposal' || a.noun.stance === 'offer') && fallbackTopic && !a.negated) {
      hits = [{ topic: fallbackTopic, start: a.noun.start, end: a.noun.end, fallback: false }];
    }
    const anaphoric = nounAnaphoric || (hits.length === 0 && (stance === 'rejection' || stance === 'acceptance'));
    return this.claims(unit, {
      speaker: speaker ?? top,
      side,
      stance,
      weak: false,
      hits: nounAnaphoric ? [] : hits,
      from: a.verbStart,
      to: a.scopeEnd,
      madeOn,
      proposer: own,
      antecedentNoun: anaphoric ? (a.noun?.stance ?? null) : undefined,
    });
  }

  /** Whether the words right after a stance noun, up to the first clause boundary, name a topic ("the proposal for a ceasefire"). */
  private ownTopic(from: number, to: number): boolean {
    const slice = this.text.slice(from, to);
    const stop = /,|;|\s[–—]\s|\s(?:after|before|because|although|though|as|since|when|while|saying|which|that)\s/.exec(slice);
    const end = from + (stop ? stop.index : slice.length);
    return this.c.topics.find(this.text, from, end).length > 0;
  }

  /** A reporter with no stance verb under it: the stance and topics come from the reported words. */
  private content(unit: Unit, anchors: Anchor[], a: Anchor, speaker: Speaker, side: string, madeOn: string | null): boolean {
    let from = a.verbEnd;
    let to = a.scopeEnd;
    if (a.trailing && a.subject) {
      const next = anchors.find((b) => b.index > a.index && b.subject !== a.subject);
      from = unit.start;
      to = a.subject.start > unit.start ? a.subject.start : unit.end;
      if (next?.subject && next.subject.start > a.verbEnd) to = unit.end;
    }
    CUTTERS.lastIndex = 0;
    const all = this.text.slice(from, to).toLowerCase();
    const cut = CUTTERS.exec(all);
    const words = cut ? all.slice(0, cut.index) : all;
    let best: { at: number; stance: Stance; weak: boolean } | null = null;
    for (const [re, stance, strength] of CONTENT_CUES) {
      const m = re.exec(words);
      if (m && (!best || m.index < best.at)) best = { at: m.index, stance, weak: strength === 'weak' };
    }
    const stance = a.noun?.stance ?? best?.stance ?? 'statement';
    const hits = this.topicsIn(from, to);
    const nounAnaphor = /\b(?:the|that|this|such)\s+(offers?|proposals?|ideas?|plans?|initiatives?|condition|conditions|demands?|accusations?)\b/.exec(words);
    return this.claims(unit, {
      speaker,
      side,
      stance,
      weak: best?.weak ?? false,
      hits,
      from,
      to,
      madeOn,
      proposer: speaker,
      antecedentNoun: hits.length === 0 && nounAnaphor ? (STANCE_NOUNS[nounAnaphor[1] ?? ''] ?? null) : undefined,
    });
  }

  processUnit(unit: Unit, unitMentions: Mention[]) {
    this.unitClaims = new Set();
    const anchors = findAnchors(unit, unitMentions, this.text);
    const quotes = quoteRanges(this.text, unit.start, unit.end);
    const before = this.events.length;
    const trailing = anchors.find((a) => a.trailing && !a.parent);
    const colon = anchors.find((a) => !a.parent && a.cue.kind === 'report' && /^[^"“]{0,40}:?\s*["“]/.test(this.text.slice(a.verbEnd, a.verbEnd + 45)));
    const framing = trailing ?? colon;
    const startsQuoted = /^["“«]/.test(unit.text);
    const outsideAnchors = anchors.filter((a) => !a.insideQuote);
    let quoteSpeaker = framing ? this.resolve(framing.subject, null, null) : null;
    let lastSpeaker: Speaker | null = null;
    let lastMade: string | null = null;

    // A quotation that stands alone continues the last quoted speaker ("…," he said. "I beg you…").
    if (!framing && startsQuoted && outsideAnchors.length === 0 && this.lastQuote && unit.paragraph - this.lastQuote.paragraph <= 1) {
      const q = this.lastQuote;
      quoteSpeaker = q.speaker;
      const words = unit.text.toLowerCase();
      let best: { at: number; stance: Stance; weak: boolean } | null = null;
      for (const [re, stance, strength] of CONTENT_CUES) {
        const m = re.exec(words);
        if (m && (!best || m.index < best.at)) best = { at: m.index, stance, weak: strength === 'weak' };
      }
      const inner = anchors.find((a) => a.cue.kind === 'stance' && a.subject?.kind === 'pronoun');
      const stance = inner?.stance ?? best?.stance ?? 'statement';
      const hits = this.topicsIn(unit.start, unit.end);
      const produced = this.claims(unit, { speaker: q.speaker, side: q.speaker.side, stance, weak: best?.weak ?? false, hits, from: unit.start, to: unit.end, madeOn: q.madeOn, proposer: q.speaker, antecedentNoun: undefined });
      if (!produced && q.topics.length > 0) {
        for (const topic of q.topics) this.claim(unit, q.speaker, q.speaker.side, topic, stance === 'statement' ? 'statement' : stance, q.madeOn, unit.text);
      }
      return;
    }

    let prevEnd = unit.start;
    for (const a of anchors) {
      if (a.parent || a.absorbed) continue;
      const speaker = this.resolve(a.subject, null, quoteSpeaker);
      const regionFrom = a.trailing ? unit.start : prevEnd;
      const regionTo = a.trailing ? unit.end : a.scopeEnd;
      prevEnd = a.scopeEnd;
      const madeOn = this.madeOnOf(a, regionFrom, regionTo);
      const n = this.events.length;
      if (speaker || a.subject?.kind === 'plural') {
        this.emit(unit, anchors, a, null, null, a === framing ? speaker : quoteSpeaker, madeOn);
      } else {
        // An unresolved reporter ("the newspaper said"): stances under it speak for themselves.
        for (const child of anchors.filter((b) => b.parent === a)) this.emit(unit, anchors, child, null, null, null, madeOn);
      }
      if (speaker?.person && speaker.actor && a.subject?.kind === 'mention') this.lastPerson = speaker;
      if (speaker?.person && a.subject?.kind === 'pronoun' && this.lastPerson) this.lastPerson = speaker;
      if (this.events.length > n) {
        lastMade = madeOn;
        lastSpeaker = speaker;
      }
      if (speaker) this.lastMadeOn = madeOn;
    }
    this.agreementNouns(unit);
    if (this.events.length > before && quotes.length > 0 && (framing || lastSpeaker)) {
      const speaker = (framing && this.resolve(framing.subject, null, null)) || lastSpeaker;
      const topics = this.events
        .slice(before)
        .flatMap((e) => (e.type === 'ClaimMade' ? [e.data.topic] : []))
        .slice(-1);
      if (speaker) this.lastQuote = { speaker, madeOn: lastMade, paragraph: unit.paragraph, topics };
    } else if (this.events.length > before) {
      this.lastQuote = null;
    }
  }

  /** "agreements to repatriate soldiers' remains", "reached an agreement on …": sides agreed, in a noun. */
  private agreementNouns(unit: Unit) {
    if (this.events.some((e) => e.type === 'AgreementReported' && e.data.span.start === unit.start)) return;
    const re = /(?<!\b(?:a|an|the|peace|ceasefire|cease-fire)\s)\bagreements?\s+(?:to|on)\s+|\b(?:reached|struck|signed|clinched|concluded)\s+(?:an?\s+|the\s+)?(?=(?:[\w-]+\s+){0,2}?(?:ceasefire|cease-fire|truce|prisoner|exchange|swap)\s+(?:agreement|deal|accord|memorandum|protocol)s?\b)|\b(?:reached|struck|signed|clinched|concluded)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:agreement|deal|accord|memorandum)s?\s+(?:with\s+[^,.;]{1,40}?\s+)?(?:on|to)\s+/gi;
    for (let m = re.exec(unit.text); m !== null; m = re.exec(unit.text)) {
      const from = unit.start + m.index + m[0].length;
      const to = Math.min(unit.end, from + 80);
      const hit = this.c.topics.find(this.text, from, to).find((h) => !h.fallback);
      if (!hit) continue;
      const terms = this.text.slice(unit.start + m.index, to).replace(/[.,;:]?\s*$/, '').split(/[.;]/)[0] ?? '';
      this.pushAgreement(unit, hit.topic, this.partiesOf(unit.start + m.index, from), terms.trim(), null, null);
      return;
    }
  }

  /** The sides that reached an agreement: "Russia and Ukraine signed …", "Russia reached a deal with Ukraine …"; else the two parties. */
  private partiesOf(verbAt: number, nounEnd: number): string[] {
    const sides: string[] = [];
    let edge = verbAt;
    for (let k = this.mentions.length - 1; k >= 0; k--) {
      const m = this.mentions[k];
      if (!m || m.end > edge) continue;
      const gap = this.text.slice(m.end, edge);
      if (!(edge === verbAt ? /^\s+(?:(?:have|has|had|also|finally|jointly)\s+)*$/ : /^\s*(?:,\s*|,?\s*and\s+)$/).test(gap) || m.possessive) break;
      if (m.side) sides.unshift(m.side);
      else sides.unshift(...m.sides);
      edge = m.start;
    }
    for (const m of this.mentions) {
      if (m.start >= verbAt && m.end <= nounEnd && m.side && /\bwith\s+(?:the\s+)?$/.test(this.text.slice(Math.max(verbAt, m.start - 10), m.start))) sides.push(m.side);
    }
    const unique = [...new Set(sides)];
    return unique.length >= 2 ? unique : this.profile.parties;
  }
}

/**
 * Turns one article into the events of the domain: ClaimMade, MeetingProposed and
 * AgreementReported, each with the exact sentence it came from and its offsets in the
 * normalised text. Pure: no file system, no network; the wink model loads once on first use.
 */
export function extractArticle(input: ArticleInput, options: ExtractOptions = {}): ExtractedArticle {
  const profile = options.profile ?? defaultProfile;
  const { text, metadata } = normaliseArticle(input);
  const documentId = documentIdOf(text);
  if (!text.trim()) return { text, documentId, metadata, events: [] };
  const c = compile(profile);
  const mentions = mergeMentions(c.resolver.findMentions(text, { date: metadata.publishedAt }), text);
  const source: Source = { documentId, url: metadata.url, publisher: metadata.publisher, publishedAt: metadata.publishedAt, title: metadata.title };
  const run = new ArticleRun(text, profile, c, mentions, source);
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
  return { text, documentId, metadata, events: run.events };
}
