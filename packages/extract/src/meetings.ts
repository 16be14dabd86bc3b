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

const MEETING_NOUN = /\b(?:meeting|meetings|summit|round|rounds|meet|talks|negotiations|sit down|face-to-face)\b/i;
const CONCRETE_NOUN = /\b(?:meeting|summit|round|meet)\b/i;
/** Reviving or resuming talks, or arranging them, is a claim but not a proposed meeting. */
const NOT_A_MEETING = /\b(?:revive|reviving|resume|resuming|resumption of|relaunch|relaunching|restart|continue|continuing|arrange|arranging|stalled)\s+(?:the\s+|more\s+|peace\s+|direct\s+)*(?:talks|negotiations|meeting|dialogue)/i;
const HEAD_ROLES = new Set(['head_of_state', 'head_of_government']);
const MINISTER_ROLES = new Set(['foreign_minister']);
const NOT_PLACES = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Ukraine|Russia|The|A)$/;

/** A head of state named as a participant: "with Putin", "between X and Y", "X and Y also participating". */
export function leaderParticipants(scope: string, offset: number, mentions: Mention[], text: string): Mention[] {
  return mentions.filter((m) => {
    if (m.start < offset || m.end > offset + scope.length || !m.role || !HEAD_ROLES.has(m.role)) return false;
    const before = text.slice(Math.max(offset, m.start - 30), m.start);
    const after = text.slice(m.end, m.end + 40);
    return /\b(?:with|between|and|of)\s+(?:(?:its|his|her|their|the)\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}$/.test(before) || /^[\s\w.'’-]*?\b(?:also )?(?:participating|attending|taking part)\b/.test(after);
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
}): MeetingDraft | null {
  const { scope, offset, text, mentions, proposerSide, parties } = args;
  if (!MEETING_NOUN.test(scope) || NOT_A_MEETING.test(scope)) return null;
  const inScope = mentions.filter((m) => m.start >= offset && m.end <= offset + scope.length);
  const partners = inScope.filter((m) => {
    const before = text.slice(Math.max(offset, m.start - 40), m.start);
    return /\b(?:with|between|and)\s+(?:(?:its|his|her|their|the)\s+)?(?:[\w.'’-]+\s+){0,1}$/.test(before) || /^\s*(?:also )?(?:participating|attending)/.test(text.slice(m.end, m.end + 30)) || m.kind === 'group';
  });
  // The longest timeframe names the meeting's time ("by the end of August"), not the day it was said ("on Monday").
  const times = [...scope.matchAll(new RegExp(TIMEFRAME.source, 'gi'))].sort((a, b) => b[0].length - a[0].length);
  const time = times[0] ?? null;
  const place = /\b(?:in|at)\s+((?:[A-Z][\p{L}'’-]+)(?:\s+[A-Z][\p{L}'’-]+)?)/u.exec(scope);
  const location = place?.[1] && !NOT_PLACES.test(place[1].split(' ')[0] ?? '') && !inScope.some((m) => m.kind === 'side' && place[1]?.startsWith(m.text)) ? place[1] : null;
  const concrete = CONCRETE_NOUN.test(scope) || partners.length > 0 || time !== null || location !== null;
  if (!concrete) return null;
  const sides = new Set<string>([proposerSide]);
  for (const m of partners) {
    if (m.kind === 'group') for (const s of m.sides) sides.add(s);
    else if (m.side) sides.add(m.side);
  }
  // The counterpart is implied ("the meeting of the leaders"): the other principal party.
  if (parties.includes(proposerSide)) for (const p of parties) sides.add(p);
  const level: MeetingLevel = args.leaders
    ? 'leaders'
    : inScope.some((m) => m.role && MINISTER_ROLES.has(m.role)) || /\bministers?\b|\bministerial\b/i.test(scope)
      ? 'ministers'
      : 'delegations';
  const timeframe = time ? time[0].replace(/^on\s+/i, (s) => s) : null;
  return { participants: [...sides], level, location, timeframe, window: timeframe ? windowOf(timeframe, args.ref) : null };
}

export { HEAD_ROLES };
