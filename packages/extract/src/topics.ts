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
  /**
   * Topic hits in text[from, to), leftmost-longest, non-overlapping; fallback hits only when nothing specific is found.
   */
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
  // The slug says it first ("negotiations", "leaders_meeting"); else the description ("a meeting of the two
  // presidents").
  const find = (re: RegExp, not?: string | null) =>
    profile.topics.find((t) => t.slug !== not && re.test(t.slug.replace(/_/g, ' ')))?.slug ??
    profile.topics.find((t) => t.slug !== not && re.test(t.description))?.slug ??
    null;
  const leaders = find(
    /\b(?:meeting|summit)s?\b.*\b(?:leaders?|presidents?|heads? of (?:state|government))\b|\b(?:leaders?|presidents?)\b.*\b(?:meeting|summit)s?\b|^summits?$/i,
  );
  const talks = find(
    /^(?:negotiations?|talks|dialogue|rounds?)\b|\b(?:holding|continuing|breaking off)\s+(?:or\s+\w+\s+)*talks\b|\btalks between\b/i,
    leaders,
  );
  return { leaders, talks };
}

/** Words that may stand between the words of a cue: "withdraw all troops" for "withdraw troops". */
const FILLER = String.raw`(?:(?:all|the|a|an|its|their|his|her|our|any|some|more|further|remaining|own|these|those|such)\s+)?`;

/**
 * A lower-case cue word and its inflected forms: release, releases, released, releasing; stop, stopped; deny, denies,
 * denied.
 */
/** Words that have no inflected forms worth matching. */
const UNINFLECTED = new Set(
  'the and for from with into onto upon over under between among about against without within across after before during of on at to in by as or nor than that this these those its their his her our all any some each every both either neither more most such own per via'.split(
    ' ',
  ),
);

/**
 * Prepositions made from a verb ("according to", "following the talks", "including tariffs"): an inflected form of a
 * cue word never reads as one of them, unless the cue writes it out.
 */
const PREPOSITIONS = [
  'according',
  'accordingly',
  'following',
  'including',
  'regarding',
  'concerning',
  'considering',
  'pending',
  'barring',
];
const NOT_A_FORM = `(?!(?:${PREPOSITIONS.join('|')})(?![a-z]))`;

/**
 * NOT_A_FORM before a cue word whose matches begin with `start`, where one of the prepositions could begin as well
 * ("follow", "pend*"). Before any other word it is left out: the word itself fails wherever it would, and the
 * regexes compile in far less time.
 */
const notAFormBefore = (start: string): string =>
  PREPOSITIONS.some((p) => p.startsWith(start) || start.startsWith(p)) ? NOT_A_FORM : '';

/** Whether a cue word is matched in its inflected forms. */
const hasForms = (word: string): boolean => /^[a-z]{3,}$/.test(word) && !UNINFLECTED.has(word);

/**
 * English verbs whose past and participle do not end in -ed (withdraw: withdrew, withdrawn): a cue verb is read in
 * these forms too ("Ukraine withdrew its troops", "tariffs were cut").
 */
const IRREGULAR_VERBS: ReadonlyMap<string, readonly [string, string]> = new Map(
  (
    'withdraw withdrew withdrawn|take took taken|give gave given|draw drew drawn|hold held held|lay laid laid|' +
    'make made made|send sent sent|break broke broken|buy bought bought|sell sold sold|keep kept kept|' +
    'leave left left|lead led led|meet met met|bring brought brought|begin began begun|win won won|lose lost lost|' +
    'fight fought fought|freeze froze frozen|steal stole stolen|strike struck struck|seek sought sought|' +
    'speak spoke spoken|rise rose risen|shake shook shaken|drive drove driven|throw threw thrown|write wrote written|' +
    'choose chose chosen|undertake undertook undertaken|withhold withheld withheld|uphold upheld upheld|' +
    'build built built|spend spent spent|lend lent lent|pay paid paid|tear tore torn|swear swore sworn|' +
    'bind bound bound|stand stood stood|understand understood understood|fall fell fallen|feel felt felt|' +
    'deal dealt dealt|mean meant meant|forbid forbade forbidden|forgo forwent forgone|sink sank sunk|' +
    'blow blew blown|grow grew grown|know knew known|show showed shown|see saw seen|go went gone|come came come|' +
    'run ran run|fly flew flown|flee fled fled|feed fed fed|ride rode ridden|hide hid hidden|hang hung hung|' +
    'shoot shot shot|sit sat sat|spread spread spread|shut shut shut|hit hit hit|cut cut cut|set set set|put put put|' +
    'let let let|quit quit quit|shed shed shed|overcome overcame overcome|rebuild rebuilt rebuilt|' +
    'retake retook retaken|override overrode overridden|undercut undercut undercut'
  )
    .split('|')
    .map((v) => {
      const [lemma = '', past = '', participle = ''] = v.split(' ');
      return [lemma, [past, participle] as const];
    }),
);

/** The letters that every form of a verb begins with: take, took, taken → "t". */
function commonStart(forms: string[]): string {
  let start = forms[0] ?? '';
  for (const f of forms) while (!f.startsWith(start)) start = start.slice(0, -1);
  return start;
}

function inflected(word: string): string {
  const w = word.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
  if (!hasForms(word)) return w;
  const irregular = IRREGULAR_VERBS.get(word);
  if (irregular) return `(?:${regularForms(word, w)}|${[...new Set(irregular)].filter((f) => f !== word).join('|')})`;
  return regularForms(word, w);
}

function regularForms(word: string, w: string): string {
  if (word.endsWith('e')) return `(?:${w}(?:s|d)?|${w.slice(0, -1)}ing)`;
  if (/[^aeiou]y$/.test(word)) return `(?:${w}(?:s|ing)?|${w.slice(0, -1)}(?:ies|ied))`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${w}(?:es|ed|ing)?`;
  const last = word.charAt(word.length - 1);
  const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(word) && word.length <= 6 ? `|${w}${last}(?:ed|ing)` : '';
  return `(?:${w}(?:s|ed|ing)?${doubled})`;
}

/**
 * A word inside a cue's `*` gap, and the ending of a `word*` cue. Cue regexes are matched against lower-cased
 * text without the `i` flag and the words are written without Unicode classes: under `iu` V8 takes ~25 ms to
 * compile each set of alternatives, which was most of an article's first extraction.
 */
const WORD = String.raw`[^\s,.;:!?()\[\]{}/"“”«»—–]+`;
const WORD_TAIL = String.raw`[^\s,.;:!?()\[\]{}/"“”«»—–]*`;

/**
 * The letters and digits a word written out in a cue's regex begins with, lower-cased: all of them, but the one
 * before an unescaped `*`, which may be left out.
 */
function literalStart(word: string): string {
  const letters = /^[\p{L}\p{N}]*/u.exec(word)?.[0] ?? '';
  return word.charAt(letters.length) === '*' ? letters.slice(0, -1) : letters;
}

/**
 * The text every match of a cue word begins with (lower case, '' when nothing is sure), branch for branch as
 * `cueSource` writes the word: the inflected forms of a word keep all its letters but the last (deny → denied,
 * release → releasing), an initialism only its first letter (US, u.s.).
 */
function startOfWord(w: string, cueWords: number): string {
  if (w === '*') return '';
  if (w.endsWith('*')) return literalStart(w.slice(0, -1).toLowerCase());
  if (/^[a-z]+$/.test(w)) {
    if (!hasForms(w) || PREPOSITIONS.includes(w)) return w;
    const irregular = IRREGULAR_VERBS.get(w);
    return irregular ? commonStart([w.slice(0, -1), ...irregular]) : w.slice(0, -1);
  }
  if (isInitialism(w, cueWords)) return w.charAt(0).toLowerCase();
  return literalStart(w.toLowerCase());
}

/** The text every match of a cue begins with: its first word's start. */
function beginningOf(cue: string): string {
  const words = cue.trim().split(/\s+/);
  return startOfWord(words[0] ?? '', words.length);
}

/** An initialism within a longer cue ("imports of U.S."): read with or without its points. */
const isInitialism = (word: string, cueWords: number): boolean =>
  /^(?:(?:[A-Z]\.){2,3}|[A-Z]{2,3})$/.test(word) && cueWords > 1;

/**
 * What counts as a letter or digit where a cue's match must end. A text with no letter or digit beyond ASCII is
 * read with the ASCII classes, which say the same there: a Unicode property class costs V8 ~0.1 ms to compile in
 * each regex, and an article compiles hundreds of them.
 */
interface Alphabet {
  letter: string;
  digit: string;
}
const UNICODE: Alphabet = { letter: String.raw`\p{L}`, digit: String.raw`\p{N}` };
const ASCII: Alphabet = { letter: 'a-zA-Z', digit: '0-9' };
const BEYOND_ASCII = /(?![\0-\x7f])[\p{L}\p{N}]/u;

/**
 * Profile cue syntax to a regex source: `*` is up to three words, `word*` any ending, words in their inflected forms.
 */
function cueSource(cue: string, alphabet: Alphabet): string {
  const words = cue.trim().split(/\s+/);
  const parts = words.map((w, i) => {
    if (w === '*') return `(?:${WORD}\\s+){0,3}?`;
    const star = w.endsWith('*');
    const base = (star ? w.slice(0, -1) : w)
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/'/g, "['’]");
    // "negotiat*" is talks, not the negotiator: a person noun made from the stem names who, not what.
    const notAForm = notAFormBefore(startOfWord(w, words.length));
    if (star) return `${notAForm}${base}(?!ors?(?![${alphabet.letter}]))${WORD_TAIL}`;
    if (/^[a-z]+$/.test(w)) return PREPOSITIONS.includes(w) ? w : `${notAForm}${inflected(w)}`;
    // An initialism within a longer cue, with or without its points: "imports of U.S." reads "imports of US goods".
    // Alone, "US" would also read the pronoun "us".
    const letters = isInitialism(w, words.length) ? w.replace(/\./g, '') : null;
    if (letters) return `(?:${letters.toLowerCase()}|${letters.toLowerCase().split('').join('\\.')}\\.)`;
    return i === words.length - 1 && !/s$/i.test(base) ? `${base}(?:s|es)?` : base;
  });
  // A `*` part carries its own spacing; other words are joined by space and filler words.
  return parts.reduce((acc, p, i) => (i === 0 ? p : words[i - 1] === '*' ? acc + p : `${acc}\\s+${FILLER}${p}`), '');
}

/**
 * The passive of a verb-and-object cue: "remove * tariffs" also reads "tariffs must be removed",
 * "withdraw * troops" also "troops would be withdrawn", and the bare participle: "wanted all tariffs removed".
 */
function passiveSource(cue: string, alphabet: Alphabet): string | null {
  const words = cue.trim().split(/\s+/);
  const verb = words[0] ?? '';
  const object = words[words.length - 1] ?? '';
  if (words.length < 2 || !/^[a-z]{3,}$/.test(verb) || object === '*' || /\*$/.test(object) || !/^[a-z]/i.test(object))
    return null;
  const particle = words.length >= 3 && /^(?:back|out|off|up|down)$/.test(words[1] ?? '') ? ` ${words[1]}` : '';
  const participle =
    IRREGULAR_VERBS.get(verb)?.[1] ?? (verb === 'pull' ? 'pulled' : verb.endsWith('e') ? `${verb}d` : `${verb}ed`);
  // A named object takes the auxiliary ("Putin was called"): bare, "Putin called" is Putin calling.
  const auxiliary = `(?:be|been|being|is|are|was|were|get|got)\\s+`;
  const passive = /^[A-Z]/.test(object) ? auxiliary : `(?:${auxiliary})?`;
  return `${cueSource(object, alphabet)}\\s+(?:${WORD}\\s+){0,3}?${passive}${participle}${particle}`;
}

/**
 * The letters a cue's match must begin with, lower-cased: the first letters of its first word, at most three and
 * one fewer than the word has, which every inflected form keeps (deny → denied, release → releasing). '' when it
 * may begin anywhere.
 */
function keyOf(cue: string): string {
  const first = cue.trim().split(/\s+/)[0] ?? '';
  const letters = (/^[\p{L}\p{N}]+/u.exec(first)?.[0] ?? '').toLowerCase();
  if (first === '*') return '';
  // An irregular verb's forms share fewer letters: give, gave → "g".
  const irregular = first === letters ? IRREGULAR_VERBS.get(letters) : undefined;
  if (irregular) return commonStart([letters.slice(0, -1), ...irregular]).slice(0, 3);
  return letters.slice(0, Math.max(1, Math.min(3, letters.length - 1)));
}

/**
 * A topic's cues as regex alternatives, longest cue first, each under the key its matches begin with and with the
 * text they begin with (`beginningOf`).
 */
interface CueSource {
  key: string;
  begins: string;
  source: string;
}

function cueSourcesOf(cues: string[], alphabet: Alphabet): CueSource[] {
  const sorted = [...cues].sort((a, b) => b.length - a.length);
  return [
    ...sorted.map((c) => ({ key: keyOf(c), begins: beginningOf(c), source: cueSource(c, alphabet) })),
    ...sorted.flatMap((c) => {
      const source = passiveSource(c, alphabet);
      const object = c.trim().split(/\s+/).at(-1) ?? '';
      return source ? [{ key: keyOf(object), begins: beginningOf(object), source }] : [];
    }),
  ];
}

/** A source described by what it knows: "people familiar with the talks", "a source close to the negotiations". */
const SOURCE_DESCRIPTION =
  /\b(?:people|persons?|sources?|officials?|diplomats?|someone|those|insiders?|negotiators?)\s+(?:[a-z-]+\s+){0,2}?(?:familiar with|briefed on|close to|involved in|knowledgeable about|with (?:direct |first-hand )?knowledge of|privy to|who (?:attended|took part in|participated in|were present at)|present at|at)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:talks|negotiations|discussions|matter|deal|meetings?|process|plans?|agreement|situation|issue|deliberations|summit)\b/g;

/**
 * Hits that only complete another topic's phrase are that topic's: "hold off on raising tariffs" is a truce,
 * "the lifting of sanctions" one topic, not two. A hit right after another, joined by a preposition, goes, unless
 * the first is one of `except` (in a claim, "talks on a ceasefire" are about the ceasefire too).
 */
export function withoutGoverned(hits: TopicHit[], text: string, except: ReadonlySet<string> = new Set()): TopicHit[] {
  const governs = (g: TopicHit, h: TopicHit) =>
    g !== h &&
    !g.fallback &&
    !except.has(g.topic) &&
    g.topic !== h.topic &&
    g.end <= h.start &&
    GOVERNED.test(text.slice(g.end, h.start));
  return hits.filter((h) => !hits.some((g) => governs(g, h)));
}
const GOVERNED =
  /^\s+(?:on|from|of|off on|with|in)\s+(?:(?:the|a|an|any|all|further|new|more)\s+)?(?:(?:[A-Z][\p{L}.-]*|U\.S\.)\s+)?$/u;

const singular = (word: string) => word.replace(/(?<=[^s])s$/, '');

/** A word's start and its first three letters or digits. */
const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]{1,3}/gu;

/** The text in lower case, letter for letter: offsets stay those of the text. */
function lowerCased(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length
    ? lower
    : text.replace(/./gsu, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c));
}

/**
 * Cues of one topic under one key that begin with the same text, as one sticky regex, compiled when first tried. Each
 * alternative is a group of its own (cue sources have none), so a match says which cue it is.
 */
interface CueGroup {
  topic: number;
  key: string;
  begins: string;
  /** Each alternative's place among its topic's cues. */
  orders: number[];
  sources: string[];
  re: RegExp | null;
}

/** The topic cues' regexes in one alphabet, and the scan of a text with them. */
class CueScanner {
  private readonly groups: CueGroup[] = [];
  private readonly groupsByKey = new Map<string, CueGroup[]>();

  constructor(
    private readonly topics: { topic: string; cues: string[] }[],
    private readonly alphabet: Alphabet,
  ) {
    const byId = new Map<string, CueGroup>();
    topics.forEach(({ cues }, topic) => {
      cueSourcesOf(cues, alphabet).forEach(({ key, begins, source }, order) => {
        const id = `${topic} ${key} ${begins}`;
        let group = byId.get(id);
        if (!group) {
          group = { topic, key, begins, orders: [], sources: [], re: null };
          byId.set(id, group);
          this.groups.push(group);
        }
        group.orders.push(order);
        group.sources.push(`(${source})`);
      });
    });
  }

  /** The groups whose cues a word beginning with `key` may begin, a topic's together, in the topics' order. */
  private groupsFor(key: string): CueGroup[] {
    let found = this.groupsByKey.get(key);
    if (!found) {
      found = this.groups.filter((g) => key.startsWith(g.key));
      this.groupsByKey.set(key, found);
    }
    return found;
  }

  /**
   * The hits in `slice` (lower-cased), leftmost-longest, non-overlapping. One regex of a whole topic tried at every
   * place of the text costs cues × characters. Instead, at each word's start only the cues that can begin there are
   * tried: those under a key its first letters begin with, and of them those whose beginning the text has there. A
   * topic's first cue that matches there, in the topic's order, is the match its whole regex would find (a cue left
   * out could not have matched there). Compiling a regex costs far more than running it: a word that begins no cue
   * compiles nothing, and each cue is compiled once, in its group.
   */
  scan(slice: string, isFallback: boolean): TopicHit[] {
    const hits: TopicHit[] = [];
    const nextFrom = this.topics.map(() => 0);
    WORD_START.lastIndex = 0;
    for (let w = WORD_START.exec(slice); w !== null; w = WORD_START.exec(slice)) {
      const p = w.index;
      const groups = this.groupsFor(w[0]);
      for (let i = 0; i < groups.length; ) {
        const topic = groups[i]?.topic ?? 0;
        let firstOrder = Number.POSITIVE_INFINITY;
        let length = 0;
        for (; i < groups.length && groups[i]?.topic === topic; i++) {
          const group = groups[i] as CueGroup;
          if (p < (nextFrom[topic] ?? 0) || !slice.startsWith(group.begins, p)) continue;
          group.re ??= new RegExp(
            `(?:${group.sources.join('|')})(?![${this.alphabet.letter}${this.alphabet.digit}])`,
            'uy',
          );
          group.re.lastIndex = p;
          const m = group.re.exec(slice);
          if (!m) continue;
          const order = group.orders[m.findIndex((g, j) => j > 0 && g !== undefined) - 1] ?? Number.POSITIVE_INFINITY;
          if (order < firstOrder) {
            firstOrder = order;
            length = m[0].length;
          }
        }
        if (length === 0) continue;
        hits.push({ topic: this.topics[topic]?.topic ?? '', start: p, end: p + length, fallback: isFallback });
        nextFrom[topic] = p + length;
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
}

/**
 * A cue of several words that names a side is read with any of that side's names: "imports from the United States"
 * also reads "imports from the US" and "imports from America". A one-word cue stays as written.
 */
function withSideNames(cues: string[], profile: Profile): string[] {
  const names = profile.sides.map((side) => side.names.filter((n) => !/[*]/.test(n)));
  const literal = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out = new Set(cues);
  for (const cue of cues) {
    if (!/\s/.test(cue.trim())) continue;
    for (const sideNames of names) {
      for (const name of sideNames) {
        const at = new RegExp(`(?<![\\p{L}\\p{N}.])(the\\s+)?${literal(name)}(?![\\p{L}\\p{N}])`, 'u').exec(cue);
        if (!at) continue;
        for (const other of sideNames) {
          if (other === name) continue;
          const head = cue.slice(0, at.index);
          const tail = cue.slice(at.index + at[0].length);
          out.add(`${head}${at[1] ?? ''}${other}${tail}`);
          if (at[1]) out.add(`${head}${other}${tail}`);
        }
        break;
      }
    }
  }
  return [...out];
}

export function createTopicFinder(profile: Profile): TopicFinder {
  const topics = profile.topics.map((t) => ({ topic: t.slug, cues: withSideNames(t.cues, profile) }));
  const fallback = profile.fallbackTopic
    ? [{ topic: profile.fallbackTopic.topic, cues: withSideNames(profile.fallbackTopic.cues, profile) }]
    : [];
  const { leaders, talks } = meetingTopicsOf(profile);
  const meetingTopics = new Set([leaders, talks].filter((t): t is string => t !== null));
  const scanners = new Map<Alphabet, { specific: CueScanner; fallback: CueScanner }>();
  const scannersFor = (alphabet: Alphabet) => {
    let found = scanners.get(alphabet);
    if (!found) {
      found = { specific: new CueScanner(topics, alphabet), fallback: new CueScanner(fallback, alphabet) };
      scanners.set(alphabet, found);
    }
    return found;
  };

  // The hits of the last text scanned: an article is asked about many ranges, and each scan of the whole
  // cue set is the costly part, so the text is scanned once and ranges are read from its hits.
  let cached: { text: string; specific: TopicHit[]; fallback: TopicHit[] } | null = null;
  const hitsOf = (text: string) => {
    if (cached?.text !== text) {
      // Quotation marks inside a cue do not break it ("scale down” its military operations"); same length, same
      // offsets.
      // Who the source is ("people familiar with the talks") says nothing of the topic: its words are blanked.
      const plain = lowerCased(text.replace(/["“”«»]/g, ' ')).replace(SOURCE_DESCRIPTION, (m) => ' '.repeat(m.length));
      const scanner = scannersFor(BEYOND_ASCII.test(plain) ? UNICODE : ASCII);
      cached = {
        text,
        specific: withoutObjects(scanner.specific.scan(plain, false), plain),
        fallback: scanner.fallback.scan(plain, true),
      };
    }
    return cached;
  };
  const within = (hits: TopicHit[], from: number, to: number) => hits.filter((h) => h.start >= from && h.end <= to);
  // The words each topic's longer cues take as their object ("suspend * tariffs", "no new tariffs": "tariffs").
  const objectWords = new Map(
    topics.map(({ topic, cues }) => [
      topic,
      new Set(
        cues
          .filter((c) => /\s/.test(c.trim()))
          .flatMap((c) => c.toLowerCase().split(/\s+/))
          .filter((w) => /^[a-z][a-z-]{3,}$/.test(w))
          .map(singular),
      ),
    ]),
  );
  /**
   * "put tariffs on hold": a one-word hit right beside another topic's hit is that topic's object when that topic's own
   * cues take the word as one ("suspend * tariffs"), not a topic of its own.
   */
  const withoutObjects = (hits: TopicHit[], plain: string) =>
    hits.filter((h, i) => {
      const word = plain.slice(h.start, h.end);
      if (/\s/.test(word)) return true;
      const near = [hits[i - 1], hits[i + 1]].filter(
        (n): n is TopicHit =>
          n !== undefined &&
          n.topic !== h.topic &&
          /^[\sa-z]{0,12}$/.test(n.start > h.start ? plain.slice(h.end, n.start) : plain.slice(n.end, h.start)) &&
          !/\b(?:and|or|but)\b/.test(n.start > h.start ? plain.slice(h.end, n.start) : plain.slice(n.end, h.start)),
      );
      return !near.some((n) => objectWords.get(n.topic)?.has(singular(word)));
    });

  return {
    meetingTopics,
    leadersTopic: leaders,
    talksTopic: talks,
    find(text, from, to) {
      if (to <= from) return [];
      const all = hitsOf(text);
      const hits = within(all.specific, from, to);
      if (hits.length > 0) return hits;
      return within(all.fallback, from, to);
    },
  };
}
