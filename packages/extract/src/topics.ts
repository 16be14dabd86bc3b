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
  readonly meetingTopics: ReadonlySet<string>;
}

/** Profile cue syntax to a regex source: `*` is up to three words, `word*` any ending, last word plural. */
function cueSource(cue: string): string {
  const words = cue.trim().split(/\s+/);
  const parts = words.map((w, i) => {
    if (w === '*') return '(?:[\\p{L}\\p{N}’\'-]+\\s+){0,3}?';
    const star = w.endsWith('*');
    const base = (star ? w.slice(0, -1) : w).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
    if (star) return `${base}[\\p{L}-]*`;
    return i === words.length - 1 && !/s$/i.test(base) ? `${base}(?:s|es)?` : base;
  });
  return parts.reduce((acc, p, i) => (i === 0 ? p : acc.endsWith('?') ? acc + p : `${acc}\\s+${p}`), '');
}

function compile(cues: string[]): RegExp | null {
  if (cues.length === 0) return null;
  const src = [...cues].sort((a, b) => b.length - a.length).map(cueSource).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${src})(?![\\p{L}\\p{N}])`, 'giu');
}

export function createTopicFinder(profile: Profile): TopicFinder {
  const specific = profile.topics.map((t) => ({ topic: t.slug, re: compile(t.cues) }));
  const fallback = profile.fallbackTopic ? { topic: profile.fallbackTopic.topic, re: compile(profile.fallbackTopic.cues) } : null;
  const meetingTopics = new Set(['leaders_meeting', 'negotiations'].filter((t) => profile.topics.some((x) => x.slug === t)));

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

  return {
    meetingTopics,
    find(text, from, to) {
      if (to <= from) return [];
      const slice = text.slice(from, to);
      const hits = scan(specific, slice, from, false);
      if (hits.length > 0 || !fallback) return hits;
      return scan([fallback], slice, from, true);
    },
  };
}
