import type { Actor, Profile, Tenure } from './schema.ts';

/** What a stretch of text refers to. `actor` is null for bare countries, unnamed sources and news agencies. */
export type MentionKind =
  | 'actor' // a name or institution alias: "Zelenskiy", "the Kremlin"
  | 'title' // a role phrase resolved by tenure or antecedent: "Ukraine's President"
  | 'unnamed' // a source of a known side but no name: "a French diplomatic source"
  | 'agency' // a news agency: "Tass"
  | 'side' // a bare country or organisation: "Russia", "Host country Turkey"
  | 'adjective' // a nationality adjective on its own: "Russian" (not a speaker)
  | 'group'; // a named group of sides: "the Normandy four"

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  actor: string | null;
  side: string | null;
  /** For groups, the sides they stand for. */
  sides: string[];
  /** The actor's role, when known (head_of_state, government, …). */
  role: string | null;
  /** A person (pronouns can point back to them) rather than an institution or country. */
  person: boolean;
  /** Followed by 's: an owner, not a speaker ("Macron's strategy"). */
  possessive: boolean;
}

export interface ResolveContext {
  /** The article's publication day; titles resolve to whoever held the office then. */
  date?: string | null;
  /** Actors mentioned so far, most recent last; titles prefer one of them (the antecedent). */
  recent?: readonly string[];
}

export interface Resolver {
  readonly profile: Profile;
  /** All mentions in `text`, leftmost-longest and non-overlapping, titles resolved in reading order. */
  findMentions(text: string, ctx?: ResolveContext): Mention[];
  /** Resolves one phrase ("Zelenskyy", "the Kremlin spokesperson", "Turkish officials") to an actor and side. */
  resolve(phrase: string, ctx?: ResolveContext): { actor: string | null; side: string } | null;
  actor(slug: string): Actor | undefined;
}

type Entry =
  | { kind: 'actor'; actor: Actor }
  | { kind: 'title'; candidates: Actor[]; periods: Map<string, Tenure> }
  | { kind: 'agency' | 'side' | 'adjective'; side: string }
  | { kind: 'group'; sides: string[] };

/** Nouns that, after a nationality adjective, name someone speaking for that side. */
const SOURCE_NOUN_WORDS =
  'sources?|officials?|diplomats?|negotiators?|delegations?|side|spokesm[ae]n|spokeswom[ae]n|spokespersons?|spokespeople|ministry|ministries|government|authorities|leaders?|leadership|envoys?|ambassadors?|administration|presidency|prime minister|foreign minister|defen[cs]e minister|minister|president|chancellor|aide|adviser|advisor|chief|head|commissioner|ombudsman|secretary|representative|commander|lawmakers?|mediators?|counterpart';
/** The same nouns, capitalised or not ("Deputy Foreign Minister", "presidential adviser"). */
const SOURCE_NOUNS = SOURCE_NOUN_WORDS.replace(
  /(^|[|\s])([a-z])/g,
  (_, sep: string, c: string) => `${sep}[${c}${c.toUpperCase()}]`,
);
/** The words of an office that news capitalises only before a name ("President Trump", "the president"). */
const OFFICE_WORD =
  /(?<![\p{L}\p{N}])(?:President|Vice|Prime|Minister|Foreign|Defen[cs]e|Secretary|State|Chancellor|Deputy|Special|Envoy|Spokes(?:man|woman|person)|Ambassador|Representative|Adviser|Advisor|Chief|Head|Commissioner|Senior)(?![\p{L}\p{N}])/gu;
const PERSON_ROLES = new Set(['head_of_state', 'head_of_government']);
const PERSON_NOUN =
  /(?:diplomat|negotiator|spokes\w*|envoy|ambassador|minister|president|chancellor|aide|adviser|advisor|leader|source|official|chief|head|commissioner|ombudsman|secretary|representative|commander|mediator|counterpart)$/i;
/** A personal name right after a title ("… Deputy Foreign Minister Sergei Ryabkov"): one to three capitalised words. */
const NAME_AFTER = /^\s+((?:[A-Z][\p{L}'’-]+\s+){0,2}[A-Z][\p{L}'’-]+)(?![\p{L}\p{N}])/u;
const NOT_NAME =
  /^(?:On|In|At|The|A|An|And|But|As|After|Before|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Said|Told|I|He|She|We|They|It|This|That|Mr|Mrs|Ms)$/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
/** Fold typographic apostrophes so that "Ukraine’s" and "Ukraine's" are one key. */
const key = (s: string) => s.replace(/[’‘]/g, "'");
/** A word's start. */
const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;
/** Followed by 's (or a bare apostrophe): an owner, not a speaker ("Macron's strategy"). */
const possessiveAt = (text: string, end: number) => /^['’]s?(?![\p{L}])/u.test(text.slice(end, end + 3));
const firstUpper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const firstLower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A stretch the scan found: an alias (with any title before it), or an unnamed source with its side word and noun. */
type Hit =
  | { start: number; text: string; sideWord: null; noun: null }
  | { start: number; text: string; sideWord: string; noun: string };

/** A title that may stand before an alias ("Mr. Peskov", "President Zelensky"), up to the space after it. */
const TITLE_BEFORE_ALIAS = /(?:Mr|Mrs|Ms|Dr|President)\.?(?=\s)/y;
const SPACE = /\s/;
const WORD_CHAR_AT = /[\p{L}\p{N}]/uy;
const wordCharAt = (text: string, i: number) => {
  WORD_CHAR_AT.lastIndex = i;
  return WORD_CHAR_AT.test(text);
};

/**
 * Where the longest of `aliases` that starts at an offset ends (-1 if none), as a whole word and with an optional
 * title before it: what the regex `(?:(?:Mr|Mrs|Ms|Dr|President)\.?\s+)?(?:alias|…)(?![\p{L}\p{N}])` of the
 * aliases longest first would match, found by lookup instead, as compiling that alternation cost more than reading.
 * Aliases are case-sensitive; a straight apostrophe in one also matches a typographic one (’).
 */
function aliasFinder(aliases: readonly string[]): (text: string, at: number) => number {
  // Keyed by their first two characters (a one-character alias by its one), longest first.
  const byStart = new Map<string, string[]>();
  for (const alias of [...aliases].sort((x, y) => y.length - x.length)) {
    const k = alias.slice(0, 2);
    const list = byStart.get(k);
    if (list) list.push(alias);
    else byStart.set(k, [alias]);
  }
  const matchesAt = (text: string, at: number, alias: string): boolean => {
    if (!alias.includes("'")) return text.startsWith(alias, at);
    if (at + alias.length > text.length) return false;
    for (let i = 0; i < alias.length; i++) {
      const c = text.charAt(at + i);
      if (c !== alias.charAt(i) && !(c === '’' && alias.charAt(i) === "'")) return false;
    }
    return true;
  };
  const longestEnd = (text: string, at: number): number => {
    const head = text.slice(at, at + 2).replace(/’/g, "'");
    const keys = head.length === 2 ? [head, head.charAt(0)] : [head];
    for (const k of keys)
      for (const alias of byStart.get(k) ?? [])
        if (matchesAt(text, at, alias) && !wordCharAt(text, at + alias.length)) return at + alias.length;
    return -1;
  };
  return (text, at) => {
    TITLE_BEFORE_ALIAS.lastIndex = at;
    if (TITLE_BEFORE_ALIAS.test(text)) {
      const titleEnd = TITLE_BEFORE_ALIAS.lastIndex;
      let afterSpaces = titleEnd;
      while (SPACE.test(text.charAt(afterSpaces))) afterSpaces++;
      // As the regex would, the alias gets all the spaces after the title first, then fewer (should it begin with one).
      for (let q = afterSpaces; q > titleEnd; q--) {
        const end = longestEnd(text, q);
        if (end >= 0) return end;
      }
    }
    return longestEnd(text, at);
  };
}

function inTenure(a: Actor, date: string | null | undefined): boolean {
  if (!date || a.tenure.length === 0) return a.tenure.length === 0;
  return a.tenure.some((t) => (!t.from || t.from <= date) && (!t.to || date <= t.to));
}

export function createResolver(profile: Profile): Resolver {
  const entries = new Map<string, Entry>();
  const actors = new Map(profile.actors.map((a) => [a.slug, a]));
  const sideSlugs = new Set(profile.sides.map((s) => s.slug));
  // Later, more specific kinds overwrite earlier ones: adjectives < sides < agencies < groups < titles < actors.
  const add = (alias: string, entry: Entry) => {
    for (const v of new Set([alias, firstUpper(alias), firstLower(alias)])) {
      const k = key(v);
      const prev = entries.get(k);
      if (prev?.kind === 'title' && entry.kind === 'title') {
        for (const c of entry.candidates) if (!prev.candidates.includes(c)) prev.candidates.push(c);
        for (const [slug, t] of entry.periods) prev.periods.set(slug, t);
      } else if (!(prev?.kind === 'actor' && entry.kind !== 'actor')) entries.set(k, entry);
    }
  };
  for (const s of profile.sides) for (const a of s.adjectives) add(a, { kind: 'adjective', side: s.slug });
  for (const s of profile.sides) for (const n of s.names) add(n, { kind: 'side', side: s.slug });
  for (const src of profile.sources) for (const a of src.aliases) add(a, { kind: 'agency', side: src.side });
  for (const g of profile.groups) for (const a of g.aliases) add(a, { kind: 'group', sides: g.sides });
  for (const a of profile.actors) {
    for (const t of a.titles) {
      const [title, periods] =
        typeof t === 'string' ? [t, new Map()] : [t.title, new Map([[a.slug, { from: t.from, to: t.to }]])];
      add(title, { kind: 'title', candidates: [a], periods });
      // Away from a name, news writes an office in lower case ("the U.S. president", "the foreign minister").
      const running = title.replace(OFFICE_WORD, (w) => w.toLowerCase());
      if (running !== title) add(running, { kind: 'title', candidates: [a], periods: new Map(periods) });
    }
  }
  for (const a of profile.actors) for (const n of a.aliases) add(n, { kind: 'actor', actor: a });

  // Unnamed sources of a side: "a French diplomatic source", "Turkish officials", "Ukraine's lead negotiator".
  const adjectives = profile.sides.flatMap((s) => s.adjectives.map((a) => ({ a, side: s.slug })));
  const countryNames = profile.sides.flatMap((s) => s.names.map((n) => ({ a: n, side: s.slug })));
  const sideOfWord = new Map<string, string>();
  for (const { a, side } of [...adjectives, ...countryNames]) sideOfWord.set(key(a), side);
  const sideWords = [...sideOfWord.keys()].sort((x, y) => y.length - x.length);
  const unnamedOf = (words: string[]) =>
    `(?:(?:[Aa]n?|[Tt]he|[Tt]wo|[Ss]everal|[Ss]enior|[Tt]op)\\s+)?(?:[Ss]enior\\s+|[Tt]op\\s+)?(?<sw>${words.map(escapeRe).join('|')})(?:['’]s)?(?:\\s+(?:[a-z][a-z-]+|[A-Z][a-z]+)){0,2}\\s+(?<noun>${SOURCE_NOUNS})`;

  // Compiling regexes costs more than running them, and an alternation of every alias tried at every word cost more
  // than the rest of an article's reading: aliases are looked up exactly (`aliasFinder`), and unnamed sources have
  // one regex, compiled once.
  const unnamedSource = sideWords.length ? new RegExp(`${unnamedOf(sideWords)}(?![\\p{L}\\p{N}])`, 'uy') : null;
  const findAlias = aliasFinder([...entries.keys()]);
  const nextHit = (text: string, from: number): Hit | null => {
    WORD_START.lastIndex = from;
    for (let w = WORD_START.exec(text); w !== null; w = WORD_START.exec(text)) {
      if (unnamedSource) {
        unnamedSource.lastIndex = w.index;
        const m = unnamedSource.exec(text);
        const sideWord = m?.groups?.['sw'];
        if (m && sideWord !== undefined)
          return { start: m.index, text: m[0], sideWord, noun: m.groups?.['noun'] ?? '' };
      }
      const end = findAlias(text, w.index);
      if (end >= 0) return { start: w.index, text: text.slice(w.index, end), sideWord: null, noun: null };
    }
    return null;
  };

  function pickTitle(candidates: Actor[], ctx: ResolveContext, periods: Map<string, Tenure> = new Map()): Actor | null {
    const recent = ctx.recent ?? [];
    const held = (c: Actor) => {
      const p = periods.get(c.slug);
      return p ? inTenure({ ...c, tenure: [p] }, ctx.date) : inTenure(c, ctx.date);
    };
    for (let i = recent.length - 1; i >= 0; i--) {
      const hit = candidates.find((c) => c.slug === recent[i]);
      if (hit) return hit;
    }
    const inOffice = candidates.filter(held);
    if (inOffice.length > 0) return inOffice[0] ?? null;
    return ctx.date ? null : (candidates[0] ?? null);
  }

  function toMention(hit: Hit, ctx: ResolveContext, recent: string[]): Mention | null {
    const { start, text } = hit;
    const end = start + text.length;
    const possessive = false;
    const base = { start, end, text, sides: [] as string[], possessive };
    if (hit.sideWord === null) {
      const e = entries.get(key(text)) ?? entries.get(key(text.replace(/^(?:Mr|Mrs|Ms|Dr|President)\.?\s+/, '')));
      if (!e) return null;
      switch (e.kind) {
        case 'actor':
          return {
            ...base,
            kind: 'actor',
            actor: e.actor.slug,
            side: e.actor.side,
            role: e.actor.role,
            person: e.actor.role !== 'government',
          };
        case 'title': {
          const a = pickTitle(e.candidates, { ...ctx, recent }, e.periods);
          const side = a?.side ?? e.candidates[0]?.side ?? null;
          return {
            ...base,
            kind: 'title',
            actor: a?.slug ?? null,
            side,
            role: a?.role ?? e.candidates[0]?.role ?? null,
            person: true,
          };
        }
        case 'group':
          return { ...base, kind: 'group', actor: null, side: null, sides: e.sides, role: null, person: false };
        default:
          return { ...base, kind: e.kind, actor: null, side: e.side, role: null, person: false };
      }
    }
    // A profile title or alias that the generic pattern also covers wins ("Ukrainian officials" →
    // ukraine_government).
    const exact = entries.get(key(text)) ?? entries.get(key(text.replace(/^(?:an?|the)\s+/i, '')));
    if (exact?.kind === 'actor')
      return {
        ...base,
        kind: 'actor',
        actor: exact.actor.slug,
        side: exact.actor.side,
        role: exact.actor.role,
        person: exact.actor.role !== 'government',
      };
    if (exact?.kind === 'title') {
      const a = pickTitle(exact.candidates, { ...ctx, recent }, exact.periods);
      return {
        ...base,
        kind: 'title',
        actor: a?.slug ?? null,
        side: a?.side ?? exact.candidates[0]?.side ?? null,
        role: a?.role ?? null,
        person: true,
      };
    }
    const side = sideOfWord.get(key(hit.sideWord));
    if (!side || !sideSlugs.has(side)) return null;
    // "Russian and Ukrainian negotiators": sides named together are one group of both, not the first alone.
    const sides = coordinatedSides(text, side);
    if (sides.length > 1) return { ...base, kind: 'group', actor: null, side: null, sides, role: null, person: false };
    return { ...base, kind: 'unnamed', actor: null, side, role: null, person: PERSON_NOUN.test(hit.noun) };
  }

  /** The first side of an unnamed source and those its words add with "and" ("U.S. and Chinese officials"). */
  function coordinatedSides(phrase: string, first: string): string[] {
    if (!/\band\b/.test(phrase)) return [first];
    const sides = [first];
    for (const m of phrase.matchAll(/(?:,|\band)\s+([A-Z][\p{L}'’.-]*)/gu)) {
      const side = sideOfWord.get(key(m[1] ?? ''));
      if (side && sideSlugs.has(side) && !sides.includes(side)) sides.push(side);
    }
    return sides;
  }

  function findMentions(text: string, ctx: ResolveContext = {}): Mention[] {
    const out: Mention[] = [];
    const recent = [...(ctx.recent ?? [])];
    let from = 0;
    for (let hit = nextHit(text, 0); hit !== null; hit = nextHit(text, from)) {
      from = hit.start + hit.text.length;
      if (hit.sideWord !== null) {
        // A profile alias or title starting there wins over a shorter generic match ("the Ukrainian head of state").
        const aliasEnd = findAlias(text, hit.start);
        if (aliasEnd > from) {
          hit = { start: hit.start, text: text.slice(hit.start, aliasEnd), sideWord: null, noun: null };
          from = aliasEnd;
        }
      }
      const mention = toMention(hit, ctx, recent);
      if (!mention) continue;
      // A title with a name the profile does not know: "Russian Deputy Foreign Minister Mikhail Galuzin" is one person
      // of that side.
      if ((mention.kind === 'unnamed' || mention.kind === 'title') && mention.person && !/s$/.test(mention.text)) {
        const name = NAME_AFTER.exec(text.slice(mention.end, mention.end + 80));
        const words = name?.[1]?.split(/\s+/) ?? [];
        const known = words.some(
          (_, i) => entries.has(key(words.slice(i).join(' '))) || entries.has(key(words.slice(0, i + 1).join(' '))),
        );
        if (name?.[1] && !known && !NOT_NAME.test(words[0] ?? '')) {
          // Someone the profile does not name: the title gives the side, not the actor.
          mention.kind = 'unnamed';
          mention.actor = null;
          mention.end += name[0].length;
          mention.text = text.slice(mention.start, mention.end);
          from = mention.end;
        }
      }
      // "A Kremlin spokesman said": a title with an indefinite article is someone of that side, not the office's holder.
      if (
        mention.kind === 'title' &&
        /(?<![\p{L}])an?\s+$/iu.test(text.slice(Math.max(0, mention.start - 4), mention.start))
      ) {
        mention.kind = 'unnamed';
        mention.actor = null;
      }
      mention.possessive = possessiveAt(text, mention.end);
      out.push(mention);
      if (mention.actor) recent.push(mention.actor);
    }
    return withStrangers(withOwnInstitutions(out, text), text);
  }

  /**
   * "China …, its central bank said", "the country's foreign ministry": an institution named with "its" or "the
   * country's" is the one the profile names with the country last mentioned ("China's central bank").
   */
  function withOwnInstitutions(mentions: Mention[], text: string): Mention[] {
    if (!/\b(?:its|the country['’]s)\s/i.test(text)) return mentions;
    const out = [...mentions];
    for (const m of text.matchAll(/\b(?:its|[Tt]he country['’]s)\s+((?:[\w-]+\s+){0,3}[\w-]+)/g)) {
      const start = m.index;
      if (out.some((x) => x.start <= start && x.end > start)) continue;
      // The country the sentence is about: its first one named before, then the others.
      let sentence = 0;
      for (const b of text.slice(0, start).matchAll(/[.!?]["”]?\s+(?=["“]?[A-Z])|\n/g))
        sentence = b.index + b[0].length;
      const sides = out
        .filter((x) => x.start >= sentence && x.end <= start && x.side && (x.kind === 'side' || x.kind === 'actor'))
        .flatMap((x) => profile.sides.filter((s) => s.slug === x.side));
      const words = (m[1] ?? '').split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const rest = words.slice(0, n).join(' ');
        const entry = sides
          .flatMap((side) => side.names.map((name) => entries.get(key(`${name}'s ${rest}`))))
          .find((e) => e?.kind === 'actor');
        if (entry?.kind !== 'actor') continue;
        const end = start + m[0].indexOf(m[1] ?? '') + rest.length;
        const mention: Mention = {
          start,
          end,
          text: text.slice(start, end),
          kind: 'actor',
          actor: entry.actor.slug,
          side: entry.actor.side,
          sides: [],
          role: entry.actor.role,
          person: false,
          possessive: possessiveAt(text, end),
        };
        const at = out.findIndex((x) => x.start > start);
        out.splice(at === -1 ? out.length : at, 0, mention);
        break;
      }
    }
    return out;
  }

  /**
   * People the profile does not know, introduced with a title of a side: "Dmitry Polyansky,
   * Russia's deputy envoy, said" (the name before its appositive) and "Ukrainian negotiator
   * Mykola Tochytskyi" (the title before the name). Each is a person of that side with no actor,
   * and a later bare surname ("Polyansky added") is the same person.
   */
  function withStrangers(mentions: Mention[], text: string): Mention[] {
    const surnames = new Map<string, Mention>();
    const out: Mention[] = [];
    for (const m of mentions) {
      if (m.kind === 'unnamed' && m.person) {
        const name = /((?:[A-Z][\p{L}'’-]+\s+){0,2}[A-Z][\p{L}'’-]+)$/u.exec(m.text)?.[1];
        const words = name?.split(/\s+/) ?? [];
        if (words.length >= 2 && !NOT_NAME.test(words[0] ?? '')) surnames.set(words[words.length - 1] as string, m);
      }
      if ((m.kind === 'unnamed' || m.kind === 'title') && m.person && m.side) {
        const before = text.slice(Math.max(0, m.start - 60), m.start);
        const appositive = /((?:[A-Z][\p{L}'’.-]+\s+){1,2}[A-Z][\p{L}'’-]+),\s+(?:the\s+|a\s+|an\s+)?$/u.exec(before);
        const name = appositive?.[1];
        const start = m.start - (before.length - (appositive?.index ?? 0));
        const prev = out[out.length - 1];
        if (
          name &&
          !NOT_NAME.test(name.split(/\s+/)[0] ?? '') &&
          (!prev || prev.end <= start) &&
          !entries.has(key(name))
        ) {
          const stranger: Mention = {
            start,
            end: start + name.length,
            text: name,
            kind: 'unnamed',
            actor: m.kind === 'title' ? m.actor : null,
            side: m.side,
            sides: [],
            role: m.role,
            person: true,
            possessive: false,
          };
          out.push(stranger);
          surnames.set(name.split(/\s+/).pop() as string, stranger);
        }
      }
      out.push(m);
    }
    if (surnames.size === 0) return out;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${[...surnames.keys()].map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`,
      'gu',
    );
    const extra: Mention[] = [];
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const at = m.index;
      const end = at + m[0].length;
      if (out.some((x) => x.start <= at && x.end >= end)) continue;
      const who = surnames.get(m[0]) as Mention;
      if (who.start > at) continue; // named again only after the introduction
      extra.push({
        ...who,
        start: at,
        end,
        text: m[0],
        possessive: possessiveAt(text, end),
      });
    }
    return [...out, ...extra].sort((a, b) => a.start - b.start);
  }

  return {
    profile,
    findMentions,
    resolve(phrase, ctx = {}) {
      const ms = findMentions(phrase.trim(), ctx).filter((m) => m.kind !== 'adjective' || ms0(phrase, m));
      const best = ms.find((m) => m.actor) ?? ms.find((m) => m.side);
      return best?.side ? { actor: best.actor, side: best.side } : null;
    },
    actor: (slug) => actors.get(slug),
  };
}

/** A lone adjective only resolves when it is the whole phrase. */
const ms0 = (phrase: string, m: Mention) => m.text.length === phrase.trim().length;

export { PERSON_ROLES };
