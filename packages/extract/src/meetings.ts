import type { MeetingLevel } from '@claims/events';
import type { Mention } from '@claims/profile';
import { TIMEFRAME, windowOf } from './dates.ts';

export interface MeetingDraft {
  participants: string[];
  level: MeetingLevel;
  location: string | null;
  timeframe: string | null;
  window: { from: string; to: string } | null;
}

const MEETING_NOUN =
  /\b(?:meeting|meetings|summit|round|rounds|meet|talks|negotiations|sit down|face[- ]to[- ]face|receive|host|welcome)\b/i;
const CONCRETE_NOUN = /\b(?:meeting|summit|round|meet|face[- ]to[- ]face)\b/i;
/** Reviving or resuming talks, or arranging them, is a claim but not a proposed meeting. */
const NOT_A_MEETING =
  /\b(?:revive|reviving|resume|resuming|resumption of|relaunch|relaunching|restart|restarting|continue|continuing|arrange|arranging|stalled)\s+(?:(?:the|more|peace|direct|[A-Z][\p{L}'’-]*|[\p{L}]+-[\p{L}]+)\s+)*(?:talks|negotiations|meeting|dialogue)/iu;
/** "Meet" in the sense of compromising or satisfying: "meet in the middle", "meet halfway", "meet its obligations". */
const NOT_MEETING_SENSE =
  /\bmeet(?:s|ing)?\s+(?:(?:us|them|him|her|it|me|you|each other|one another|Washington|Beijing|Moscow|Kyiv)\s+)?(?:in the middle|halfway|half-way)\b|\bmeet(?:s|ing)?\s+(?:the|its|their|his|her|our|all|these|those|such)\s+(?:\w+\s+)?(?:demands?|conditions?|targets?|obligations?|commitments?|deadlines?|requirements?|criteria|expectations|needs|goals?)\b/gi;
/**
 * The words just before a claim's scope that make it an invitation: "invited", "an invitation", "ready to receive",
 * "offer to host".
 */
const INVITING =
  /\b(?:invit(?:e|es|ed|ing|ation|ations)|host(?:s|ed|ing)?|receive[sd]?|receiving|welcome[sd]?|welcoming)\s*$/i;
/** Waiting for the other side somewhere is an invitation: "will be waiting for Putin in Istanbul", "we will expect them in Vienna". */
const WAITING =
  /\b(?:will|would|'ll|’ll)\s+(?:be\s+)?(?:waiting for|wait for|expect)\s+(?:him|her|them|you|[A-Z][\p{L}-]+)\s+(?:in|at)\s+[A-Z]/u;
/**
 * A meeting that depends on a condition ("only when there is a peace agreement", "but specific conditions have to be
 * met first"): a claim only.
 */
const CONDITIONAL_MEETING =
  /\b(?:only (?:if|when|after|once)|unless|provided(?: that)?|on condition that|as long as|so long as|until|once)\s|\bconditions?\b[^.;]{0,40}\b(?:met|fulfilled|satisfied)\b|\bpreconditions?\b/i;
/**
 * A meeting foreseen, not proposed: "anticipates that Putin and Zelenskyy will meet", "expects a
 * meeting to take place", "will meet in Turkey 'in all likelihood'", "are due to meet next month".
 */
const FORESEEN =
  /\b(?:expects?|expected|expecting|anticipates?|anticipated|predicts?|predicted|foresees?|foresaw)\b(?:\s+that)?[^.;]{0,60}?\b(?:will|would|to|could)\s+(?:\w+\s+)?(?:meet|take place|happen|be held|go ahead)\b|\bwill\s+(?:\w+\s+)?meet\b[^.;]{0,60}\b(?:in all likelihood|likely|probably)\b|\b(?:in all likelihood|likely to|probably)\b[^.;]{0,40}\bmeet\b|\b(?:are|is|were|was)\s+(?:due|set|scheduled|slated)\s+to\s+(?:meet|hold talks|sit down)\b/i;
/**
 * A meeting announced, not proposed: "Trump and Putin will meet in Budapest", "the delegations will
 * meet again soon", "the envoys are meeting on Friday" (not "we will …", nor with a word of proposing).
 */
const ANNOUNCED =
  /(?<!\b(?:we|i|us)\s+)\b(?:will|are going to|is going to|are to|is to)\s+(?:(?:soon|again|also|now|then|finally|first)\s+)?(?:meet|hold talks|sit down|convene)\b|\b(?:are|is)\s+meeting\s+(?:on|in|at|next|this|later|again)\b/i;
const PROPOSING =
  /\b(?:propos\w*|suggest\w*|invit\w*|offer\w*|ready|willing\w*|prepared|open to|call(?:s|ed)? for|urg\w*|should|could|would like|let['’]?s|let us|want\w*|hop\w*)\b/i;
/**
 * Talks that already took place, named as what to build on or as finished: "build on the Alaska meeting", "Round two
 * has finished".
 */
const PAST_MEETING =
  /\b(?:build(?:s|ing)?|built|follow(?:s|ing|ed)?\s+up)\s+on\s+(?:(?:the|a|an|their|its|his|her|this|last|recent|[\p{L}.'’-]+['’]s|[A-Z][\p{L}'’-]*)\s+){0,4}(?:talks|meeting|summit|negotiations|round)\b|\b(?:talks|meeting|summit|negotiations|round)\b(?:\s+(?:of|on)\s+(?:the\s+)?[\p{L}-]+|\s+(?:one|two|three|four|five))?\s+(?:has|have|had)\s+(?:now\s+|just\s+)?(?:finished|ended|concluded|closed|wrapped up)\b|\b(?:round|meeting)\s+(?:one|two|three|four|five)\s+(?:of\s+(?:the\s+)?(?:talks|negotiations)\s+)?(?:has|have|had)\s+(?:finished|ended|concluded)/giu;
/** Where `text[from, to)` names talks already held, as what to build on or as finished. */
export function pastMeetingsIn(text: string, from: number, to: number): [number, number][] {
  const slice = text.slice(from, to);
  if (!/talks|meeting|summit|negotiations|round/i.test(slice)) return [];
  return [...slice.matchAll(PAST_MEETING)].map((m) => [from + m.index, from + m.index + m[0].length]);
}

/**
 * Talks that are the occasion of what is said, held now or already ("at talks in Istanbul on
 * Monday", "during the meeting", "on the sidelines of the summit", "Monday's talks"): not a proposal.
 */
export const OCCASION =
  /\b(?:(?:at|in|during|after|following|on the (?:sidelines|margins) of|ahead of|since|in the course of)\s+(?:(?:\w+|\d+)\s+(?:days?|hours?|weeks?|months?|rounds?)\s+of\s+)?(?:(?:the|a|an|their|its|this|last|previous|recent|latest|first|second|third|earlier|[A-Z][\p{L}'’-]*|\w+['’]s|peace|direct|direct peace|two-day|one-day)\s+){0,3}(?:talks|meeting|meetings|summit|negotiations|round of talks|round)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|this week)['’]s\s+(?:\w+\s+){0,2}(?:talks|meeting|summit|negotiations|round)|(?:talks|meeting|summit|negotiations|round)\s+(?:that\s+|which\s+)?(?:were\s+|was\s+)?(?:held|took place|ended|concluded)|(?:as|while|when)\s+(?:[\p{L}'’-]+\s+){0,5}?(?:talks|meeting|summit|negotiations)\s+(?:\w+\s+)?(?:began|begun|started|opened|resumed|continued|got under way|were under way|was under way|ended|closed)|(?:as|while|when)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:negotiators|delegations|delegates|leaders|officials)\s+(?:met|gathered|sat down|were meeting|held talks))\b/giu;
/** Where `text[from, to)` names talks only as the occasion ("at talks in Istanbul", "after two days of talks"). */
export function occasionsIn(text: string, from: number, to: number): [number, number][] {
  const slice = text.slice(from, to);
  if (!/talks|meeting|summit|negotiations|round/i.test(slice)) return [];
  return [...slice.matchAll(OCCASION)].map((m) => [from + m.index, from + m.index + m[0].length]);
}
const HEAD_ROLES = new Set(['head_of_state', 'head_of_government']);
const MINISTER_ROLES = new Set(['foreign_minister', 'finance_minister', 'minister']);
/** Ministers named by their office: "foreign ministers", "the Treasury secretary", "Vice Premier Liu He". */
const MINISTER_WORDS =
  /\bministers?\b|\bministerial\b|\bvice[- ]premiers?\b|\b(?:treasury|commerce|state|foreign|finance|trade) secretar(?:y|ies)\b|\bsecretar(?:y|ies) of (?:state|the treasury|commerce)\b/i;
/** When the proposal itself was made, not the meeting's time: "first floated in May", "made last week". */
const PROPOSAL_TIME =
  /\b(?:(?:first\s+)?(?:floated|made|put forward|voiced|aired|raised|announced|tabled|proposed|issued|extended|sent|received)|first)\s+(?:\w+\s+)?(?:in|on|last|this|earlier)\s+[\w-]+(?:\s+\d{1,2})?/gi;
/**
 * Capitalised words that are never a meeting's place in any negotiation; the profile adds its own (regions, formats).
 */
const NOT_PLACES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|He|She|They|It|We|I|This|That|President|Prime|Mr|Mrs|Ms|Peace|Direct|New|Further|Previous|Future|Such|These|Those|Both|Trilateral|Bilateral|Fresh|European|Western|Next|Last|Any|Whatever|Each|Every)$/;
/** A participle or preposition before a mention that makes it a party to the meeting. */
const PARTNER_BEFORE =
  /\b(?:with|between|and|meet|meets|meeting|invited?|invites|inviting|invitation|hosts?|hosting|receive|receiving|welcome|welcomes|welcoming|bring|brings|bringing|brought|challenged?|challenges|challenging)\s+(?:(?:its|his|her|their|the)\s+)?(?:[\w.'’-]+\s+){0,1}$/;
/**
 * A mention followed by the meeting it is asked to: "challenged the Russian president to negotiate face to face", "for
 * Vice Premier Liu He to head a delegation".
 */
const PARTNER_AFTER =
  /^\s*(?:,[^,.;]{0,40},\s*)?(?:to|for)\s+(?:meet|negotiate|talk|hold talks|sit down|head|lead|visit|come|travel|attend|join)\b/;
/** "Trump and Putin will meet", "the two leaders could meet": the subjects of a future meeting. */
const MEET_AFTER =
  /^(?:\s*(?:,|and)\s+[^.;]{0,40}?)?\s+(?:will|would|could|can|may|might|should|are to|is to|plan to|plans to|planned to|are expected to|agreed to|to)\s+(?:\w+\s+)?(?:meet|hold talks)\b/;

/**
 * Blanks the occasion phrases of a scope (keeping offsets), so that they neither name a meeting nor its time or place.
 */
export function withoutOccasions(scope: string): string {
  if (!/talks|meeting|summit|negotiations|round/i.test(scope)) return scope;
  return scope.replace(OCCASION, (m) => ' '.repeat(m.length)).replace(PAST_MEETING, (m) => ' '.repeat(m.length));
}

/** A head of state named as a participant: "with Putin", "between X and Y", "X and Y also participating". */
export function leaderParticipants(scope: string, offset: number, mentions: Mention[], text: string): Mention[] {
  return mentions.filter((m) => {
    if (m.start < offset || m.end > offset + scope.length || !m.role || !HEAD_ROLES.has(m.role)) return false;
    const before = text.slice(Math.max(offset, m.start - 30), m.start);
    const after = text.slice(m.end, m.end + 40);
    return (
      /\b(?:with|between|and|of|meet|meets|meeting|invited?|invites|inviting)\s+(?:(?:its|his|her|their|the)\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}$/.test(
        before,
      ) ||
      /^[\s\w.'’-]*?\b(?:also )?(?:participating|attending|taking part)\b/.test(after) ||
      MEET_AFTER.test(after)
    );
  });
}

/**
 * A proposed meeting in a claim's words, when they name a concrete one: a meeting, round or
 * summit, or talks with named participants, a time or a place.
 */
export function meetingIn(args: {
  scope: string;
  offset: number;
  text: string;
  mentions: Mention[];
  proposerSide: string;
  parties: string[];
  leaders: boolean;
  ref: string | null;
  /** The profile's words that are never places. */
  notPlaces: ReadonlySet<string>;
  /** The proposer's role, when known: a head of state proposing to meet another is a leaders' meeting. */
  proposerRole?: string | null;
}): MeetingDraft | null {
  const { offset, text, mentions, proposerSide, parties } = args;
  // "invited X to Beijing", "an invitation for X to head a delegation", "ready to receive X": the verb before the scope
  // proposes a meeting.
  const lead = text.slice(Math.max(0, offset - 30), offset);
  const inviting =
    INVITING.test(lead) ||
    WAITING.test(args.scope) ||
    /^\s*(?:an?\s+|the\s+|its\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?invit(?:e|es|ed|ing|ation|ations)\b/i.test(
      args.scope,
    );
  // "meet in the middle", "meet the conditions": meeting as agreeing or satisfying, not a meeting.
  let scope = withoutOccasions(args.scope).replace(NOT_MEETING_SENSE, (m) => ' '.repeat(m.length));
  if (CONDITIONAL_MEETING.test(scope) || FORESEEN.test(lead + scope)) return null;
  if (ANNOUNCED.test(scope) && !PROPOSING.test(lead + scope) && !inviting) return null;
  // Resuming talks is no meeting of its own; it may be the purpose of one ("invited X to Beijing to restart talks").
  const resumed = NOT_A_MEETING.exec(scope);
  if (resumed) {
    if (!inviting) return null;
    scope =
      scope.slice(0, resumed.index) + ' '.repeat(resumed[0].length) + scope.slice(resumed.index + resumed[0].length);
  }
  if (!inviting && !MEETING_NOUN.test(scope)) return null;
  const inScope = mentions.filter(
    (m) =>
      m.start >= offset &&
      m.end <= offset + scope.length &&
      scope.slice(m.start - offset, m.end - offset).trim() !== '',
  );
  const partners: Mention[] = [];
  for (const m of inScope) {
    const before = text.slice(Math.max(offset - 30, m.start - 40), m.start);
    const after = text.slice(m.end, m.end + 60);
    const last = partners[partners.length - 1];
    // "between Russia, Ukraine and the United Nations", "bringing Zelensky and Putin": a list continues the partners.
    const listed =
      last !== undefined && /^(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$/.test(text.slice(last.end, m.start));
    // The first one invited: "invited Robert Lighthizer …", "an invitation from the United States for Liu He …".
    const invitee =
      inviting &&
      m.side !== proposerSide &&
      partners.length === 0 &&
      (m.person || m.kind === 'side' || m.kind === 'actor');
    if (
      listed ||
      invitee ||
      PARTNER_BEFORE.test(before) ||
      PARTNER_AFTER.test(after) ||
      /^\s*(?:also )?(?:participating|attending)/.test(after) ||
      MEET_AFTER.test(after) ||
      m.kind === 'group'
    )
      partners.push(m);
  }
  // The longest timeframe names the meeting's time ("by the end of August"), not the day it was said ("on Monday"),
  // nor when the offer itself was made ("an offer …, first floated in May").
  const timed = scope.replace(PROPOSAL_TIME, (m) => ' '.repeat(m.length));
  const times = [...timed.matchAll(new RegExp(TIMEFRAME.source, 'gi'))].sort((a, b) => b[0].length - a[0].length);
  const time = times[0] ?? null;
  const location = placeIn(scope, offset, inScope, parties, args.notPlaces);
  const concrete =
    CONCRETE_NOUN.test(scope) ||
    partners.some((m) => m.side !== proposerSide || m.kind === 'group') ||
    time !== null ||
    location !== null;
  if (!concrete) return null;
  const sides = new Set<string>([proposerSide]);
  for (const m of partners) {
    if (m.kind === 'group') for (const s of m.sides) sides.add(s);
    else if (m.side) sides.add(m.side);
  }
  // The counterpart is implied ("the meeting of the leaders"): the other principal party. A mediator
  // offering to host or bring together ("a meeting of the two leaders") means the principals.
  const principalNamed = parties.some((p) => p !== proposerSide && sides.has(p));
  if (parties.includes(proposerSide) || !principalNamed) for (const p of parties) sides.add(p);
  const heads =
    args.proposerRole != null &&
    HEAD_ROLES.has(args.proposerRole) &&
    partners.some((m) => m.role && HEAD_ROLES.has(m.role) && m.side !== proposerSide);
  const level: MeetingLevel =
    args.leaders || heads
      ? 'leaders'
      : inScope.some((m) => m.role && MINISTER_ROLES.has(m.role)) || MINISTER_WORDS.test(scope)
        ? 'ministers'
        : 'delegations';
  const timeframe = time ? time[0].replace(/^on\s+/i, (s) => s) : null;
  return {
    participants: [...sides],
    level,
    location,
    timeframe,
    window: timeframe ? windowOf(timeframe, args.ref) : null,
  };
}

const PLACE_NAME = String.raw`([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2})(?![\p{L}'’-])`;
const PLACE = String.raw`(?:the\s+)?${PLACE_NAME}`;
const NOT_A_PLACE_AFTER =
  /^\s+(?:format|formula|process|agreements?|accords?|communiqu[eé]|declaration|region|oblast|protocol)\b/;
/**
 * Where a proposed meeting would be held, most explicit first: "hosted by X", "at <venue> in <city>", "in <place>",
 * "<city> talks".
 */
const PLACE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\bhosted by\s+${PLACE}`, 'gu'),
  new RegExp(String.raw`\bat\s+(?:the\s+)?(?:[A-Z][\p{L}'’-]+\s+){1,4}in\s+${PLACE}`, 'gu'),
  new RegExp(String.raw`\bin\s+${PLACE}`, 'gu'),
  new RegExp(
    String.raw`(?<![\p{L}-])${PLACE_NAME}(?=\s+(?:peace\s+)?(?:talks|summit|meeting|negotiations|round)\b)`,
    'gu',
  ),
  new RegExp(String.raw`\bat\s+${PLACE}`, 'gu'),
  // "invited X to Beijing", "a visit to Washington": a city (never a party, see placeIn).
  new RegExp(String.raw`\b(?:to|visit)\s+${PLACE}`, 'gu'),
];

function placeIn(
  scope: string,
  offset: number,
  inScope: Mention[],
  parties: string[],
  notPlaces: ReadonlySet<string>,
): string | null {
  for (const [k, re] of PLACE_PATTERNS.entries()) {
    re.lastIndex = 0;
    for (let m = re.exec(scope); m !== null; m = re.exec(scope)) {
      const raw = m[1] ?? '';
      const at = m.index + m[0].length - raw.length;
      if (NOT_A_PLACE_AFTER.test(scope.slice(at + raw.length))) continue;
      const words = raw.split(/\s+/);
      const cut = words.findIndex((w) => NOT_PLACES.test(w) || notPlaces.has(w));
      const place = (cut < 0 ? words : words.slice(0, cut)).join(' ');
      if (!place) continue;
      // A party ("in Ukraine"), a nationality ("Russian-held") or a person is no meeting place; a mediator's country
      // is.
      const mention = inScope.find((x) => x.start <= offset + at && x.end > offset + at);
      if (
        mention &&
        (mention.kind === 'adjective' ||
          mention.person ||
          (mention.kind === 'side' && parties.includes(mention.side ?? '')))
      )
        continue;
      if (k === 3 && mention && mention.kind !== 'actor') continue; // "Russia-Ukraine talks", "Normandy talks": not a city

      return place;
    }
  }
  return null;
}

export { HEAD_ROLES };
