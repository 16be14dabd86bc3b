import * as chrono from 'chrono-node';

/** ISO day arithmetic in UTC, so that no local time zone shifts a date. */
export const toDate = (iso: string): Date => new Date(`${iso}T12:00:00Z`);
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (iso: string, n: number): string => isoDay(new Date(toDate(iso).getTime() + n * 86_400_000));
/** Monday of the week that holds `iso`. */
export const mondayOf = (iso: string): string => addDays(iso, -((toDate(iso).getUTCDay() + 6) % 7));

const PERIOD =
  /\b(?:(?:last|this|earlier this|later this|past|previous|next|coming) (?:week|month|year|weekend|spring|summer|autumn|fall|winter)|in (?:january|february|march|april|may|june|july|august|september|october|november|december)(?! \d)|(?:earlier|later) (?:in|this)|in (?:19|20)\d\d|previously|recently|repeatedly|so far|earlier|later)\b/i;

/** A digit, or a word of time chrono reads: a weekday, a month, a relative day, a part of a day, a unit of time. */
const MAY_NAME_A_DAY =
  /\d|\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|yesterday|today|tonight|tomorrow|weekend|\bago\b|\bnow\b|noon|midnight|morning|evening|afternoon|night|\b(?:days?|hours?|minutes?|seconds?|weeks?|months?|years?|fortnight)\b/i;

/**
 * chrono's reading of a clause against a publication day. An article asks about the same clause more than once (a
 * unit's frame, then its scope); the readings are kept for one article.
 */
const parsed = new Map<string, chrono.ParsedResult[]>();
export const forgetParsedDays = (): void => parsed.clear();
function parsedDays(clause: string, publishedAt: string): chrono.ParsedResult[] {
  const key = `${publishedAt} ${clause}`;
  let found = parsed.get(key);
  if (!found) {
    found = chrono.casual.parse(clause, { instant: toDate(publishedAt), timezone: 0 }, { forwardDate: false });
    parsed.set(key, found);
  }
  return found;
}

/**
 * The day a claim was made, from what its clause says: "on Wednesday", "Saturday", "on July 19",
 * "yesterday", "over the weekend" (its Saturday). Returns `{ day }` for a day, `{ period: true }`
 * when the clause names only a period ("last month", "earlier this week", "in March"), else null.
 * Weekdays and weekends resolve to the latest one on or before the publication day.
 */
export function dayOfClause(
  clause: string,
  publishedAt: string | null,
): { day: string | null; period: boolean } | null {
  if (!publishedAt) return PERIOD.test(clause) ? { day: null, period: true } : null;
  // "Wednesday's talks" names the talks' day, not the day something was said; "in Tuesday's statement" is that day.
  const cleaned = clause
    .replace(
      /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s(?=\s+(?:[\w-]+\s+)?(?:statement|remarks|interview|address|speech|post|briefing|comments|news conference|press conference|message|announcement)\b)/gi,
      '$1',
    )
    .replace(/\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\b/gi, ' ')
    .replace(/\b(?:the )?(?:morning|evening|afternoon|night) of\b/gi, '')
    .replace(/\b(?:19|20)\d\d(?!\s*[-–]?\d)/g, (y) => (/\b(?:in|since|of) $/.test(clause) ? y : y));
  // A range of days ("on October 19-20", "on 4 and 5 February") names no single day.
  if (
    /\b\d{1,2}\s*(?:[-–]|and|to)\s*\d{1,2}\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\s*[-–]\s*\d{1,2}\b/i.test(
      cleaned,
    )
  )
    return { day: null, period: true };
  // Most clauses name no time at all; chrono's parsers are the costly part of extraction, so they are asked only
  // when a word that can name a day is there (anything else chrono reads is thrown away below).
  const results = MAY_NAME_A_DAY.test(cleaned) ? parsedDays(cleaned, publishedAt) : [];
  for (const r of results) {
    const text = r.text.toLowerCase();
    if (/^(?:now|right now|just now|currently|at the moment|at present)$/.test(text)) continue; // the present, not a day
    // "Putin sat beside him", "the sun": a weekday's abbreviation in lower case is another word.
    if (/^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/.test(r.text)) continue;
    if (/week$|month|year/.test(text) && !/weekend/.test(text)) continue;
    // "in the days ahead", "in the day": chrono reads a day where there is none.
    if (/^(?:in |within |for |during )?(?:the |a |these |those )?(?:days?|nights?|hours?)$/.test(text)) continue;
    const certainDay = r.start.isCertain('day');
    const weekday = r.start.isCertain('weekday') || /weekend/.test(text);
    if (!certainDay && !weekday) continue;
    if (r.start.isCertain('day') && !r.start.isCertain('month') && !/yesterday|today|tonight/.test(text)) continue;
    let day = isoDay(r.start.date());
    if (/weekend/.test(text)) day = addDays(day, -((toDate(day).getUTCDay() + 1) % 7)); // that weekend's Saturday
    while (day > publishedAt && weekday) day = addDays(day, -7);
    // Nothing is said after its article was published: a later day, the year named or not (chrono takes the nearest
    // one), is of what is said ("tariffs set to take effect on December 15" in an article of December 14).
    if (day > publishedAt) continue;
    return { day, period: false };
  }
  return PERIOD.test(clause) ? { day: null, period: true } : null;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Timeframe phrases of a proposed meeting, in the words used. */
export const TIMEFRAME =
  /\b(?:(?:by|before|until|at) the (?:end|start|beginning|middle) of (?:this |next )?(?:january|february|march|april|may|june|july|august|september|october|november|december|the (?:week|month|year)|year|month)|(?:in )?(?:the )?(?:coming|next|following) (?:few )?(?:days|weeks?|months?)|next (?:week|month|year)|this (?:week|month)|within (?:(?:a|the next|the coming|two|three|several|a few|\d+) )?(?:days?|weeks?|months?)|as soon as possible|in (?:early|mid|late)?-? ?(?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2})\b/i;

/**
 * The window of dates a timeframe allows, resolved against the day it was said:
 * "by the end of August" → that day to 31 August; "next week" / "in the coming week" → the
 * following Monday to Sunday; "this week" → this Monday to Sunday; "next month" / "in August" → that
 * month; a named day → that day. Vague spans ("within weeks", "as soon as possible") → null.
 */
export function windowOf(timeframe: string, ref: string | null): { from: string; to: string } | null {
  if (!ref) return null;
  const t = timeframe.toLowerCase();
  const year = Number(ref.slice(0, 4));
  const monthIdx = MONTH_NAMES.findIndex((m) => t.includes(m));
  const monthRange = (y: number, m: number) => {
    const from = `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const to = isoDay(new Date(Date.UTC(y, m + 1, 0, 12)));
    return { from, to };
  };
  if (/\b(?:by|before|until) the end of\b/.test(t)) {
    if (monthIdx >= 0) {
      const y = monthRange(year, monthIdx).to < ref ? year + 1 : year;
      return { from: ref, to: monthRange(y, monthIdx).to };
    }
    if (/week/.test(t)) return { from: ref, to: addDays(mondayOf(ref), 6) };
    if (/month/.test(t)) return { from: ref, to: monthRange(year, Number(ref.slice(5, 7)) - 1).to };
    if (/year/.test(t)) return { from: ref, to: `${year}-12-31` };
    return null;
  }
  if (/\b(?:next|coming|following) week\b/.test(t)) {
    const monday = mondayOf(addDays(ref, 7));
    return { from: monday, to: addDays(monday, 6) };
  }
  if (/\bthis week\b/.test(t)) {
    const monday = mondayOf(ref);
    return { from: monday, to: addDays(monday, 6) };
  }
  if (/\bnext month\b/.test(t)) {
    const m = Number(ref.slice(5, 7)) % 12;
    return monthRange(m === 0 ? year + 1 : year, m);
  }
  if (/^in (?:early |mid-?|late )?\w+$/.test(t) && monthIdx >= 0) {
    const y = monthRange(year, monthIdx).to < ref ? year + 1 : year;
    return monthRange(y, monthIdx);
  }
  const day = chrono.casual.parseDate(timeframe, { instant: toDate(ref), timezone: 0 }, { forwardDate: true });
  if (day && /day|\d/.test(t)) {
    const d = isoDay(day);
    return { from: d, to: d };
  }
  return null;
}

/** A past occasion named inside what is said ("in a phone call with Putin on Wednesday, he had urged …"). */
const OCCASION_DAY =
  /\b(?:(?:phone |telephone )?call|talks|meeting|address|interview|conference|briefing|statement|speech|visit|summit|session|post|message)\b[^.;"“”]{0,40}?\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b/i;
/** Days inside what is claimed: a start, an end, a deadline ("from Friday", "until March 30", "by Monday"). */
const CONTENT_DAY =
  /\b(?:from|until|till|by|starting|beginning|before|after|through|to|for|since|due|scheduled for|set for|next|expires?|lapses?|ends?|begins?|starts?|(?:imposed|introduced|levied|announced|unveiled|signed|adopted|enacted|issued|brokered|struck|launched|declared|put in place) on)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\d{1,2})\b[\w ,]{0,12}/gi;
/** Words that put what follows in the future: a proposed meeting's day is not the day of the proposal. */
const FUTURE =
  /\b(?:will|would|could|to|shall|should|may|might|is due|are due|plans?|planned|scheduled|next)\s+(?:\w+\s+){0,3}?(?:meet|hold|host|begin|start|take place|convene|resume|sit down|travel|visit|sign)\b/i;
/** A day right after a stance verb: "proposed over the weekend to …", "rejected on Tuesday the …". */
const STANCE_TAIL =
  /^\s*(?:(?:on|over|at|this|last|late|early|earlier|later)\s+(?:the\s+)?)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|yesterday|today|tonight|night|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2})\b/i;
/** The words after a verb of saying up to its complement; any word, "$60" and "25%" too, not only letters. */
const FRAME_TAIL = /^(?:\s+(?:[^\s,:;"“”«»]+|,))*?(?=\s+that\b|\s*[:"“«]|\s*,|\s*$)/;

/** A "to" that opens an infinitive, not an audience ("to the press", "to reporters", "to Putin"). */
const INFINITIVE_TO =
  /\sto\s(?!(?:the|a|an|his|her|their|its|our|my|your|reporters|journalists|lawmakers|parliament|supporters|students|state|local|national|foreign)\b)(?![A-Z])/;
/**
 * The words after a verb of saying that still belong to its frame ("told reporters on Monday"): the complement's own
 * verb ("said talks would be held on Friday", "the deadline of March 30 was") and a day of what is said ("from
 * Friday") end them.
 */
function ownWords(tail: string): string {
  const verb = /\s(?:will|would|could|should|must|may|might|can|shall|is|are|was|were|has|have|had)\s/i.exec(tail);
  // "to" opens an infinitive ("agreed to meet on Friday"), not the audience ("spoke to reporters on Tuesday").
  const infinitive = INFINITIVE_TO.exec(tail);
  const cut = [verb, infinitive].filter((m) => m !== null).sort((x, y) => x.index - y.index)[0];
  return (cut ? tail.slice(0, cut.index) : tail).replace(CONTENT_DAY, ' ').replace(CONTENT_NOUN_DAY, ' ');
}
/** A day that names a thing, not the saying: "the deadline of March 30", "the date for the vote". */
const CONTENT_NOUN_DAY =
  /\b(?:deadline|date|anniversary|summit|talks|meeting|vote|elections?|ceasefire|truce)\s+(?:of|on|for)\s+(?:the\s+)?[\w ]{0,20}/gi;

/**
 * The day the words of a predicate were said, read from its frame only: the words before its verb
 * in its clause ("At a news conference on Tuesday, Trump said"), and what follows the verb up to its
 * complement ("said on Tuesday that", `," he said on Monday.`). A day inside what is said (a
 * deadline, a truce "from Friday", a summit "on 15 August") is not the day it was said; only a past
 * occasion the speaker reports counts ("in a phone call on Wednesday, he had urged").
 */
export function dayOfFrame(
  text: string,
  unit: { start: number; end: number },
  a: {
    verbStart: number;
    verbEnd: number;
    trailing: boolean;
    kind: string;
    scopeStart: number;
    scopeEnd: number;
    subject: { start: number } | null;
  },
  publishedAt: string | null,
): { day: string | null; period: boolean } {
  const lead = text.slice(unit.start, a.verbStart);
  // The clause of the verb: from the last clause boundary before its subject (a dateline or a quote ends one).
  const subjectAt = a.subject ? Math.min(a.subject.start, a.verbStart) : a.verbStart;
  const upToSubject = text.slice(unit.start, subjectAt);
  const boundary = a.trailing
    ? Math.max(upToSubject.lastIndexOf('”'), upToSubject.lastIndexOf('"'), upToSubject.lastIndexOf(','), -1)
    : -1;
  const head = a.trailing ? text.slice(unit.start + boundary + 1, a.verbStart) : lead;
  const rest = text.slice(a.verbEnd, a.trailing ? unit.end : a.scopeEnd);
  const tail =
    a.trailing || a.kind === 'report' || a.kind === 'according'
      ? ownWords(FRAME_TAIL.exec(rest)?.[0] ?? '')
      : (STANCE_TAIL.exec(rest)?.[0] ?? '');
  const frame = `${head} ${a.trailing ? rest : tail}`;
  const found = dayOfClause(frame, publishedAt);
  if (found?.day) return { day: found.day, period: false };
  if (found?.period) return { day: null, period: true };
  // A stance verb's own day may close its clause: "voiced support for the plan on Saturday". Not a day of
  // something to come ("a truce from Friday", "to meet in Istanbul on Thursday", "talks due on Monday").
  if (a.kind !== 'report' && a.kind !== 'according' && !a.trailing) {
    const scope =
      text
        .slice(a.scopeStart, a.scopeEnd)
        .split(/[;"“”]|,\s(?:which|who|where|when|as|while|after|before|saying|adding)\s|\s[–—]\s/)[0] ?? '';
    const own = scope.replace(CONTENT_DAY, ' ');
    if (!FUTURE.test(own)) {
      const whole = dayOfClause(own, publishedAt);
      if (whole?.period && !whole.day) return { day: null, period: true };
      const d = dayOfClause(
        own.replace(
          /^.*?(?=\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b)/is,
          '',
        ),
        publishedAt,
      );
      if (
        d?.day &&
        /\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b|\bon\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d|\bon\s+\d{1,2}\s+\w+/i.test(
          own,
        )
      ) {
        return { day: d.day, period: false };
      }
    }
  }
  const occasion = OCCASION_DAY.exec(text.slice(a.scopeStart, a.scopeEnd));
  // "talks would be held on Friday": an occasion to come, not one the speaker reports.
  if (
    occasion &&
    !/\b(?:will|would|shall|to be|to take place|due|scheduled|set|planned|next|coming)\b/i.test(occasion[0])
  ) {
    const d = dayOfClause(occasion[0], publishedAt);
    if (d?.day) return { day: d.day, period: false };
  }
  return { day: null, period: false };
}

/** A verb that reports a deal reached: its own day is the day the deal was reached. */
const REACHED_VERB =
  /\b(?:reached|signed|agreed|struck|sealed|clinched|concluded|finali[sz]ed|hammered out|worked out|inked)\b/i;

/**
 * The day a deal was reached, from the words around the verb that reports it: "reached a trade deal on Friday",
 * "On Friday, the two sides signed …", "agreed on Tuesday to swap prisoners". A day of what was agreed ("a truce
 * from Friday", "agreed to meet on Monday") is not that day. Null when the words give none.
 */
export function dayReached(words: string, publishedAt: string | null): string | null {
  const verb = REACHED_VERB.exec(words);
  if (!verb || !publishedAt) return null;
  const before = words.slice(0, verb.index);
  const head = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('.'), -1) + 1);
  const after = words.slice(verb.index + verb[0].length);
  // What follows the verb up to the clause's end or the agreed thing's own verb ("agreed to meet on Monday").
  const tail = after.slice(
    0,
    /[,;.:"“”]|\s(?:to\s+[a-z]+|that|which|who|after|before|while|and)\s/i.exec(after)?.index,
  );
  const own = `${head} ${tail}`.replace(CONTENT_DAY, ' ').replace(CONTENT_NOUN_DAY, ' ');
  if (FUTURE.test(own)) return null;
  return dayOfClause(own, publishedAt)?.day ?? null;
}
