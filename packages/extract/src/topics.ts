import type { Profile } from '@claims/profile';

/** A topic cue found in the text. */
export interface TopicHit {
  topic: string;
  start: number;
  end: number;
  /** Found through the profile's vague fallback words only ("peace", "settlement"). */
  fallback: boolean;
}

export interface TopicFinder {
  /** Topic hits in text[from, to), leftmost-longest, non-overlapping; fallback hits only when nothing specific is found. */
  find(text: string, from: number, to: number): TopicHit[];
  /** The topics that are meetings (see `meetingTopicsOf`). */
  readonly meetingTopics: ReadonlySet<string>;
  readonly leadersTopic: string | null;
  readonly talksTopic: string | null;
}

/**
 * The profile's meeting topics: as it names them, else found by their descriptions (a meeting or
 * summit of leaders, presidents or heads of state; talks or negotiations between delegations).
 */
export function meetingTopicsOf(profile: Profile): { leaders: string | null; talks: string | null } {
  if (profile.meetings) return { leaders: profile.meetings.leaders, talks: profile.meetings.talks };
  // The slug says it first ("negotiations", "leaders_meeting"); else the description ("a meeting of the two presidents").
  const find = (re: RegExp, not?: string | null) =>
    profile.topics.find((t) => t.slug !== not && re.test(t.slug.replace(/_/g, ' ')))?.slug ??
    profile.topics.find((t) => t.slug !== not && re.test(t.description))?.slug ??
    null;
  const leaders = find(/\b(?:meeting|summit)s?\b.*\b(?:leaders?|presidents?|heads? of (?:state|government))\b|\b(?:leaders?|presidents?)\b.*\b(?:meeting|summit)s?\b|^summits?$/i);
  const talks = find(/^(?:negotiations?|talks|dialogue|rounds?)\b|\b(?:holding|continuing|breaking off)\s+(?:or\s+\w+\s+)*talks\b|\btalks between\b/i, leaders);
  return { leaders, talks };
}

/** Words that may stand between the words of a cue: "withdraw all troops" for "withdraw troops". */
const FILLER = String.raw`(?:(?:all|the|a|an|its|their|his|her|our|any|some|more|further|remaining|own|these|those|such)\s+)?`;

/** A lower-case cue word and its inflected forms: release, releases, released, releasing; stop, stopped; deny, denies, denied. */
/** Words that have no inflected forms worth matching. */
const UNINFLECTED = new Set('the and for from with into onto upon over under between among about against without within across after before during of on at to in by as or nor than that this these those its their his her our all any some each every both either neither more most such own per via'.split(' '));

function inflected(word: string): string {
  const w = word.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
  if (!/^[a-z]{3,}$/.test(word) || UNINFLECTED.has(word)) return w;
  if (word.endsWith('e')) return `(?:${w}(?:s|d)?|${w.slice(0, -1)}ing)`;
  if (/[^aeiou]y$/.test(word)) return `(?:${w}(?:s|ing)?|${w.slice(0, -1)}(?:ies|ied))`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${w}(?:es|ed|ing)?`;
  const last = word.charAt(word.length - 1);
  const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(word) && word.length <= 6 ? `|${w}${last}(?:ed|ing)` : '';
  return `(?:${w}(?:s|ed|ing)?${doubled})`;
}

/** Profile cue syntax to a regex source: `*` is up to three words, `word*` any ending, words in their inflected forms. */
function cueSource(cue: string): string {
  const words = cue.trim().split(/\s+/);
  const parts = words.map((w, i) => {
    if (w === '*') return '(?:[\\p{L}\\p{N}’\'-]+\\s+){0,3}?';
    const star = w.endsWith('*');
    const base = (star ? w.slice(0, -1) : w).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
    if (star) return `${base}[\\p{L}-]*`;
    if (/^[a-z]+$/.test(w)) return inflected(w);
    return i === words.length - 1 && !/s$/i.test(base) ? `${base}(?:s|es)?` : base;
  });
  // A `*` part carries its own spacing; other words are joined by space and filler words.
  return parts.reduce((acc, p, i) => (i === 0 ? p : words[i - 1] === '*' ? acc + p : `${acc}\\s+${FILLER}${p}`), '');
}

/** Past participles that do not end in -ed. */
const IRREGULAR_PARTICIPLES: Record<string, string> = {
  withdraw: 'withdrawn',
  take: 'taken',
  give: 'given',
  draw: 'drawn',
  hold: 'held',
  cut: 'cut',
  set: 'set',
  put: 'put',
  lay: 'laid',
  make: 'made',
  send: 'sent',
  pull: 'pulled',
};

/**
 * The passive of a verb-and-object cue: "remove * tariffs" also reads "tariffs must be removed",
 * "withdraw * troops" also "troops would be withdrawn".
 */
function passiveSource(cue: string): string | null {
  const words = cue.trim().split(/\s+/);
  const verb = words[0] ?? '';
  const object = words[words.length - 1] ?? '';
  if (words.length < 2 || !/^[a-z]{3,}$/.test(verb) || object === '*' || /\*$/.test(object) || !/^[a-z]/i.test(object)) return null;
  const particle = words.length >= 3 && /^(?:back|out|off|up|down)$/.test(words[1] ?? '') ? ` ${words[1]}` : '';
  const participle = IRREGULAR_PARTICIPLES[verb] ?? (verb.endsWith('e') ? `${verb}d` : `${verb}ed`);
  return `${cueSource(object)}\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:be|been|being|is|are|was|were)\\s+${participle}${particle}`;
}

function compile(cues: string[]): RegExp | null {
  if (cues.length === 0) return null;
  const sources = [...cues].sort((a, b) => b.length - a.length).map(cueSource);
  const passives = cues.map(passiveSource).filter((x): x is string => x !== null);
  const src = [...sources, ...passives].join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${src})(?![\\p{L}\\p{N}])`, 'giu');
}

export function createTopicFinder(profile: Profile): TopicFinder {
  const specific = profile.topics.map((t) => ({ topic: t.slug, re: compile(t.cues) }));
  const fallback = profile.fallbackTopic ? { topic: profile.fallbackTopic.topic, re: compile(profile.fallbackTopic.cues) } : null;
  const { leaders, talks } = meetingTopicsOf(profile);
  const meetingTopics = new Set([leaders, talks].filter((t): t is string => t !== null));

  function scan(entries: { topic: string; re: RegExp | null }[], slice: string, offset: number, isFallback: boolean): TopicHit[] {
    const hits: TopicHit[] = [];
    for (const { topic, re } of entries) {
      if (!re) continue;
      re.lastIndex = 0;
      for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        hits.push({ topic, start: offset + m.index, end: offset + m.index + m[0].length, fallback: isFallback });
      }
    }
    // Leftmost, then longest, wins where cues of two topics overlap.
    hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const out: TopicHit[] = [];
    for (const h of hits) {
      const last = out[out.length - 1];
      if (last && h.start < last.end) {
        if (h.end - h.start > last.end - last.start && h.start === last.start) out[out.length - 1] = h;
        continue;
      }
      out.push(h);
    }
    return out;
  }

  // The hits of the last text scanned: an article is asked about many ranges, and each scan of the whole
  // cue set is the costly part, so the text is scanned once and ranges are read from its hits.
  let cached: { text: string; specific: TopicHit[]; fallback: TopicHit[] } | null = null;
  const hitsOf = (text: string) => {
    if (cached?.text !== text) {
      // Quotation marks inside a cue do not break it ("scale down” its military operations"); same length, same offsets.
      const plain = text.replace(/["“”«»]/g, ' ');
      cached = { text, specific: scan(specific, plain, 0, false), fallback: fallback ? scan([fallback], plain, 0, true) : [] };
    }
    return cached;
  };
  const within = (hits: TopicHit[], from: number, to: number) => hits.filter((h) => h.start >= from && h.end <= to);

  return {
    meetingTopics,
    leadersTopic: leaders,
    talksTopic: talks,
    find(text, from, to) {
      if (to <= from) return [];
      const all = hitsOf(text);
      const hits = within(all.specific, from, to);
      if (hits.length > 0 || !fallback) return hits;
      return within(all.fallback, from, to);
    },
  };
}
