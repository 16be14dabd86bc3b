import type { Stance } from '@claims/events';
import type { Mention } from '@claims/profile';
import {
  CLAUSE_BREAK,
  CONDITIONAL,
  IRREGULAR_PAST,
  MONTHS,
  SKIPPABLE,
  STANCE_ADJECTIVES,
  STANCE_NOUNS,
  VERBS,
  type VerbCue,
  WEEKDAYS,
  wordTable,
} from './lexicon.ts';
import type { Token } from './nlp.ts';
import type { Unit } from './units.ts';

/** Who a verb's subject is: a resolved mention, a pronoun to resolve, or a plural ("both sides"). */
export interface Subject {
  kind: 'mention' | 'pronoun' | 'plural' | 'possessive';
  start: number;
  end: number;
  text: string;
  actor: string | null;
  side: string | null;
  /** For plurals: the sides named ("Russia and Ukraine"); empty means "the two parties". */
  sides: string[];
  person: boolean;
  /** For pronouns and possessive phrases ("his country"): the pronoun, lower-cased. */
  pronoun: string | null;
  /** For plurals of named speakers ("Merkel and Hollande"): who each one is. */
  members?: { actor: string | null; side: string | null; person: boolean }[];
}

/**
 * How a predicate attributes words or a stance to its subject:
 * `report` a verb of saying, `stance` a verb, adjective or noun that takes a stance,
 * `according` "according to X", `owner` a stance noun with its owner ("the US proposal for …",
 * "a truce put forward by Kyiv"), `act` a side doing something in the journalist's words.
 */
export type PredicateKind = 'report' | 'stance' | 'according' | 'owner' | 'act';

/** A verb (or noun, or adjective) that says or takes a stance, with its subject and its place in the unit. */
export interface Anchor {
  index: number;
  tok: number;
  verbStart: number;
  verbEnd: number;
  lemma: string;
  kind: PredicateKind;
  cue: VerbCue;
  stance: Stance;
  subject: Subject | null;
  negated: boolean;
  /** A reporter that follows its words: `"…," Zelenskiy said`, `…, Ukrainian officials said.`. */
  trailing: boolean;
  parent: Anchor | null;
  /** Inside a subordinate clause ("after Moscow presented …"): background, not news of the day. */
  subordinate: boolean;
  conditional: boolean;
  /** A participle that only elaborates the verb before it (", saying …", ", stating: …"). */
  absorbed: boolean;
  /** Past simple ("said", "proposed"), as opposed to present, perfect or past perfect. */
  pastSimple: boolean;
  /** A stance noun the verb hands over ("presented demands", "reiterated an offer"). */
  noun: { stance: Stance; anaphoric: boolean; start: number; end: number } | null;
  /** Start and end of the words the predicate governs. */
  scopeStart: number;
  scopeEnd: number;
  insideQuote: boolean;
  /** The words follow a colon ("He added: …", "X said:"), quoted or not. */
  colon: boolean;
  /**
   * A passive with its agent after it ("the plan was rejected by Kyiv", "the idea drew criticism from Moscow"): what
   * the stance is about stands before the verb, from here.
   */
  patientStart: number | null;
}

const PRONOUNS = new Set(['he', 'she', 'i', 'we', 'they', 'it']);
/** Verbs and adjectives that only carry the infinitive after them: "continued to dial back", "was keen to stress". */
const CATENATIVE =
  /^(?:continue|keen|quick|eager|move|hasten|rush|go|begin|start|seem|appear|use|manage|decide|choose|opt|proceed|venture|dare|repeatedly|again|also)$/;
/** Role nouns that, with "the", point back to a person like a pronoun: "the president said", "the minister added". */
const ROLE_NOUNS =
  /^(?:president|leader|minister|chancellor|premier|spokesman|spokeswoman|spokesperson|envoy|negotiator|aide|adviser|advisor|secretary|ambassador|diplomat)$/;
/** Those who stand with a side and are none of its own: "Kyiv and its (Western) allies". */
const ALLIES = /^(?:allies|partners|backers|supporters|friends)$/;
/** Institution nouns that, with "the", point back like "it": "the ministry said", "the department added". */
const INSTITUTION_NOUNS = /^(?:ministry|department|agency|embassy|office|commission|government|administration)$/;
/** Words that narrow a role noun: "the foreign minister", "the chief negotiator" (lower case: not a name). */
const ROLE_MODIFIERS =
  /^(?:foreign|defen[cs]e|finance|trade|commerce|prime|chief|top|senior|lead|special|presidential|deputy|former)$/;
/** Who may speak from a place: "officials in Kyiv said" (but not "protesters in Kyiv"). */
const PLACED_SPEAKERS =
  /\b(?:officials?|sources?|diplomats?|authorities|government|leaders?|leadership|negotiators?|delegations?|ministry|embassy|spokes\w+|envoys?|ambassadors?)\s+(?:in|at|from)\s+(?:the\s+)?$/i;
const POSSESSIVE_NP = new Set([
  'country',
  'government',
  'side',
  'delegation',
  'team',
  'leadership',
  'administration',
  'negotiators',
  'officials',
  'nation',
]);
const OFFICE_NP = new Set([
  'office',
  'service',
  'administration',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'camp',
  'team',
  'aides',
  'ministry',
  'ministries',
  'government',
]);
const PLURAL_NP = new Set([
  'sides',
  'countries',
  'parties',
  'nations',
  'delegations',
  'negotiators',
  'leaders',
  'presidents',
  'governments',
  'teams',
]);
const QUOTE = /^["“”«»]$/;
const DOCUMENT_NOUNS =
  /^(?:memorandum|memorandums|document|documents|statement|statements|proposal|proposals|plan|letter|resolution|draft|declaration|communiqu[eé]|paper|note|roadmap|framework|readout|post|message|tweet|decree|order|report)$/;

/** Mentions that touch (title + name, or name, appositive) merge into one: the named actor wins. */
export function mergeMentions(mentions: Mention[], text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, m.start) : '';
    if (
      prev &&
      !prev.possessive &&
      m.kind !== 'adjective' &&
      prev.kind !== 'adjective' &&
      /^(?:\s|,\s(?:the |a |an )?|\s(?:Mr\.?|Ms\.?|Mrs\.?)\s)?$/.test(gap) &&
      (prev.side === m.side || !prev.side || !m.side) &&
      !(prev.kind === 'side' && m.kind === 'side') &&
      // An appositive joins a name and a role ("Ukraine's lead negotiator, Rustem Umerov"), not a broadcaster and a
      // name.
      (!gap.includes(',') ||
        prev.kind === 'title' ||
        prev.kind === 'unnamed' ||
        m.kind === 'title' ||
        m.kind === 'unnamed')
    ) {
      const named =
        m.kind === 'actor' && m.actor ? m : prev.kind === 'actor' && prev.actor ? prev : prev.actor ? prev : m;
      out[out.length - 1] = {
        ...named,
        start: prev.start,
        end: m.end,
        text: text.slice(prev.start, m.end),
        possessive: m.possessive,
        person: prev.person || m.person,
      };
      continue;
    }
    out.push(m);
  }
  return out;
}

const isPastForm = (t: Token | undefined) => !!t && (IRREGULAR_PAST.has(t.lower) || /ed$/.test(t.lower));

/** Past simple, not perfect, passive or progressive: the auxiliaries before the verb decide. */
function isPast(tokens: Token[], v: number): boolean {
  const t = tokens[v];
  if (!t) return false;
  for (let i = v - 1; i >= Math.max(0, v - 3); i--) {
    const w = tokens[i]?.lower ?? '';
    if (/^(?:has|have|had|is|are|['’]s|['’]ve|will|would|can|could|may|might|should|shall|must|to)$/.test(w))
      return false;
    if (w === 'did' || w === 'was' || w === 'were') return true;
  }
  return isPastForm(t);
}

const BE =
  /^(?:is|are|was|were|be|been|being|am|['’]s|['’]re|['’]m|remains?|remained|stays?|stayed|stands?|stood|appears?|appeared|seems?|seemed|looks?|looked|declared?|declared|proclaimed|said|says)$/;
const NOT_A_STANCE =
  /^(?:comment|say|confirm|disclose|elaborate|specify|answer|reveal|name|give|discuss|detail|respond|speculate|identify|go|provide)$/;
/** Participles of speaking that only frame the verb of a sentence, before a phrase of place, time or audience. */
const FRAMING_PARTICIPLE = /^(?:speaking|addressing|talking|writing)$/;
const FRAMING_PREPOSITION = /^(?:on|at|in|to|after|during|from|before|via|alongside|ahead|outside|inside)$/;
/** Nouns of a feeling or belief that someone voices or expresses: what follows is what they think. */
const FEELING_NOUN =
  /^(?:hope|hopes|concern|concerns|confidence|optimism|pessimism|doubt|doubts|scepticism|skepticism|frustration|regret|disappointment|satisfaction|alarm|fear|fears|belief|conviction|certainty|dismay|anger|outrage|surprise|gratitude|reservations|misgivings)$/;
const DETERMINER = /^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|any|no|every|each|['’]s)$/;

/**
 * The cue of a verb at `v`, with the particle it takes ("call for", "rule out", "put forward"): kind, stance and end
 * token.
 */
function verbCue(tokens: Token[], v: number): (VerbCue & { last: number; adjective?: boolean }) | null {
  const t = tokens[v];
  if (!t) return null;
  const next = tokens[v + 1]?.lower ?? '';
  const after = tokens[v + 2]?.lower ?? '';
  // "Zelensky was blunt: …", "the Kremlin was clear:": a manner of speaking before a colon introduces the words.
  if (
    next === ':' &&
    (t.pos === 'ADJ' || t.pos === 'VERB') &&
    (BE.test(tokens[v - 1]?.lower ?? '') || (tokens[v - 1]?.pos === 'ADV' && BE.test(tokens[v - 2]?.lower ?? '')))
  )
    return { kind: 'report', stance: 'statement', last: v };
  // "is ready to", "remained open to", "are prepared for": a stance carried by an adjective after "be".
  const adjective = STANCE_ADJECTIVES.get(t.lower);
  if (adjective) {
    if (t.lower === 'against') return null; // a preposition; "stance against" is a content cue
    if (next !== 'to' && next !== 'for' && !(t.lower === 'opposed' && next === 'to')) return null;
    // "was keen to stress": the adjective carries a verb of saying, which is the predicate.
    if (next === 'to' && VERBS.get(tokens[v + 2]?.lemma ?? '')?.kind === 'report') return null;
    // "ready to accept", "willing to agree": an acceptance; "open to talks": an acceptance of them.
    const stance =
      next === 'to' && /^(?:accept|agree|support|back|endorse|sign|approve|consider|take|discuss|embrace)$/.test(after)
        ? 'acceptance'
        : adjective;
    for (let i = v - 1; i >= Math.max(0, v - 4); i--) {
      const w = tokens[i];
      if (!w) break;
      if (BE.test(w.lower)) return { kind: 'stance', stance, last: v, adjective: true };
      if (
        w.pos !== 'ADV' &&
        w.pos !== 'PART' &&
        w.lower !== 'not' &&
        w.lower !== "n't" &&
        w.lower !== 'also' &&
        w.lower !== 'still'
      )
        break;
    }
    return null;
  }
  if (!/^(?:VERB|AUX|NOUN|ADJ|PROPN)$/.test(t.pos) && !VERBS.has(t.lemma)) return null;
  if (t.pos !== 'VERB' && t.pos !== 'AUX') {
    if (!/(?:ed|s|ing)$/.test(t.lower) && !IRREGULAR_PAST.has(t.lower)) return null;
    // A noun after a determiner, an owner or a preposition is no verb: "its demands", "the calls", "in comments".
    const prev = tokens[v - 1];
    if (
      prev &&
      (prev.pos === 'DET' ||
        prev.pos === 'ADJ' ||
        prev.pos === 'NUM' ||
        prev.pos === 'ADP' ||
        DETERMINER.test(prev.lower))
    )
      return null;
  }
  // A past form tagged as an adjective keeps its own lemma ("branded" → brand).
  const base = t.lemma === 'signalled' || t.lemma === 'signaled' ? 'signal' : t.lemma;
  const lemma =
    VERBS.has(base) || !/ed$/.test(base)
      ? base
      : VERBS.has(base.slice(0, -2))
        ? base.slice(0, -2)
        : VERBS.has(base.slice(0, -1))
          ? base.slice(0, -1)
          : base;
  const cue = (kind: VerbCue['kind'], stance: Stance, last = v) => ({ kind, stance, last });
  switch (lemma) {
    case 'admit':
      // "admitted to NATO", "admitted into the alliance": let in, not a concession in words.
      if ((next === 'to' || next === 'into') && (after === 'the' || tokens[v + 2]?.pos === 'PROPN')) return null;
      break;
    case 'make':
      // "made an offer", "made (it) clear that": a stance or a report; "made no sense", "made progress": neither.
      if (next === 'clear' || next === 'plain') return cue('report', 'statement', v + 1);
      if (next === 'it' && (after === 'clear' || after === 'plain')) return cue('report', 'statement', v + 2);
      return tokens.slice(v + 1, v + 5).some((k) => STANCE_NOUNS.get(k.lower)) ? cue('present', 'statement') : null;
    case 'rule':
      return next === 'out' ? cue('stance', 'rejection', v + 1) : null;
    case 'turn':
      return next === 'down' ? cue('stance', 'rejection', v + 1) : null;
    case 'insist':
      return next === 'on' || next === 'upon' ? cue('stance', 'demand', v + 1) : cue('report', 'statement');
    case 'sign':
      // "signed on to", "signed off on", "signed up to": one side's acceptance.
      if ((next === 'on' || next === 'up') && (after === 'to' || after === 'for'))
        return cue('stance', 'acceptance', v + 2);
      if (next === 'off' && after === 'on') return cue('stance', 'acceptance', v + 2);
      return null;
    case 'back':
      // "backed out of the deal", "backed away from it": walking away, as "pulled out of".
      if ((next === 'out' && after === 'of') || (next === 'away' && after === 'from'))
        return cue('stance', 'rejection', v + 2);
      if (next === 'down' || next === 'away' || next === 'out') return null;
      return t.pos === 'VERB' ? cue('stance', 'acceptance') : null;
    case 'go':
      return next === 'along' && after === 'with' ? cue('stance', 'acceptance', v + 2) : null;
    case 'walk':
    case 'pull':
      return (next === 'away' || next === 'out') && (after === 'from' || after === 'of')
        ? cue('stance', 'rejection', v + 2)
        : null;
    case 'come':
      return next === 'up' && after === 'with' ? cue('stance', 'proposal', v + 2) : null;
    case 'decline':
    case 'refuse':
      // "declined to comment", "refused to say": no stance at all.
      if (next === 'to' && NOT_A_STANCE.test(after)) return null;
      break;
    case 'call':
      if (next === 'for' || next === 'on' || next === 'upon') return cue('stance', 'demand', v + 1);
      // "what it calls the new realities": naming something, not saying (but "which Kyiv called a sham" is a charge).
      if (tokens[v - 2]?.lower === 'what' || tokens[v - 3]?.lower === 'what') return null;
      return cue('report', 'statement');
    case 'give':
      return /\b\d[\d,]* (?:days|weeks|hours|months)\b|\bdeadline\b|\bultimatum\b/.test(
        tokens
          .slice(v + 1, v + 6)
          .map((k) => k.lower)
          .join(' '),
      )
        ? cue('stance', 'demand')
        : null;
    case 'push':
    case 'press':
      return next === 'for' ||
        next === 'ahead' ||
        /^[A-Z]/.test(tokens[v + 1]?.text ?? '') ||
        (tokens[v + 1]?.pos ?? '') === 'PROPN' ||
        (tokens[v + 1]?.pos ?? '') === 'PRON'
        ? cue('stance', 'demand', next === 'for' ? v + 1 : v)
        : null;
    case 'play':
    case 'dial':
      return next === 'down' || next === 'back' ? cue('report', 'statement', v + 1) : null;
    case 'point':
      return next === 'out' ? cue('report', 'statement', v + 1) : null;
    case 'strike':
    case 'sound':
    case 'raise': {
      // "struck a sceptical note on …", "sounded a more hopeful tone about …": a report of the words' tenor.
      if (lemma !== 'raise') {
        const tone = tokens.slice(v + 1, v + 5).findIndex((k) => /^(?:note|tone|warning)$/.test(k.lower));
        if (tone >= 0 && tokens.slice(v + 1, v + 1 + tone).every((k) => k.pos !== 'VERB' && k.text !== ','))
          return cue('report', 'statement', v + 1 + tone);
        if (lemma === 'strike') return null;
      }
      // "raised the alarm about Russian forces", "sounded the alarm over …": an accusation.
      return /^(?:the\s+)?(?:alarm|alarms|concerns?)$/.test(`${next === 'the' ? `the ${after}` : next}`)
        ? cue('stance', 'accusation', next === 'the' ? v + 2 : v + 1)
        : null;
    }
    case 'hit':
    case 'lash':
      // "hit out at the sanctions", "lashed out at NATO": criticism; "hit back": a reply.
      if (next === 'out') return cue('stance', 'rejection', after === 'at' || after === 'against' ? v + 2 : v + 1);
      return next === 'back' && lemma === 'hit' ? cue('report', 'statement', v + 1) : null;
    case 'pour':
      // "poured cold water on hopes for …": a dismissal.
      return next === 'cold' && after === 'water' ? cue('stance', 'rejection', v + 2) : null;
    case 'put':
    case 'bring':
      // "put forward a plan": a proposal; "a truce put forward by X": its author's.
      return next === 'forward' ? cue('stance', 'proposal', v + 1) : null;
    case 'lay':
    case 'set':
      // "laid out a framework", "set out four points", "set new conditions": the noun they hand over decides.
      if (next === 'out' || next === 'forth') return cue('present', 'statement', v + 1);
      return tokens.slice(v + 1, v + 4).some((k) => STANCE_NOUNS.get(k.lower)) ? cue('present', 'statement') : null;
    case 'ask':
      // "asked about", "when asked whether": a question put to them, not a demand.
      if (
        next === 'about' ||
        next === 'whether' ||
        next === 'if' ||
        next === 'what' ||
        next === 'how' ||
        next === 'why'
      )
        return null;
      break;
    case 'tell':
    case 'warn':
    case 'caution':
    case 'advise':
    case 'remind':
    case 'challenge':
    case 'encourage': {
      // "told Kyiv to withdraw", "cautioned Europe not to wreck …", "challenged him to negotiate": a demand of the
      // listener.
      const to = tokens.slice(v + 1, v + 6).findIndex((k) => k.lower === 'to');
      const listener = tokens.slice(v + 1, v + 1 + Math.max(0, to));
      const verbAfter = tokens[v + 2 + to];
      if (
        to >= 1 &&
        listener.every((k) => k.pos !== 'VERB' && k.text !== ',') &&
        verbAfter &&
        (verbAfter.pos === 'VERB' || verbAfter.pos === 'AUX' || verbAfter.lower === 'not')
      ) {
        return cue('stance', 'demand');
      }
      if (lemma === 'challenge' || lemma === 'encourage') return null;
      break;
    }
    case 'want':
    case 'seek':
    case 'try':
    case 'hope':
      // "sought to downplay", "wants to stress": the stance is that of the verb they govern.
      if (next === 'to') {
        const inner = tokens[v + 2];
        const innerCue = inner ? VERBS.get(inner.lemma) : undefined;
        if (innerCue?.kind === 'report') return cue('report', 'statement', v + 2);
      }
      if (lemma === 'try') return null;
      break;
    case 'expect':
    case 'consider':
    case 'view':
    case 'regard':
    case 'see':
      break;
    case 'voice':
    case 'express':
    case 'convey': {
      // "voiced hope that …", "expressed concern over …": a feeling or belief voiced reports what they think.
      const feeling = tokens.slice(v + 1, v + 4).findIndex((k) => FEELING_NOUN.test(k.lower));
      if (feeling >= 0) return cue('report', 'statement', v + 1 + feeling);
      break;
    }
  }
  const found = VERBS.get(lemma);
  return found ? cue(found.kind, found.stance) : null;
}

/** The stance noun right after a verb: "an offer", "his willingness", "the idea", "demands". */
function stanceNoun(tokens: Token[], v: number): Anchor['noun'] {
  for (let i = v + 1; i < Math.min(tokens.length, v + 8); i++) {
    const t = tokens[i];
    if (!t) break;
    // Another's stance ("responded to Ukraine's offer") is not one the verb hands over.
    if (t.lower === "'s" || t.lower === '’s') break;
    const stance = STANCE_NOUNS.get(t.lower);
    if (stance) {
      const before = tokens.slice(v + 1, i).map((k) => k.lower);
      const anaphoric = before.some((w) => /^(?:the|that|this|these|those|such|its|their|his|her|our)$/.test(w));
      return { stance, anaphoric, start: t.start, end: t.end };
    }
    if (t.pos === 'VERB' || t.text === ',' || t.text === '.') break;
  }
  return null;
}

function mentionAt(mentions: Mention[], start: number, end: number): Mention | undefined {
  return mentions.find((m) => m.start <= start && m.end >= end);
}

/** A group of sides the profile names (its `groups`) as a plural subject of those sides. */
function groupSubject(m: Mention): Subject {
  return {
    kind: 'plural',
    start: m.start,
    end: m.end,
    text: m.text,
    actor: null,
    side: null,
    sides: m.sides,
    person: false,
    pronoun: null,
  };
}

/** "The president", "the ministry": a definite noun that points back like a pronoun (`role:…` or "it"). */
function definiteBackReference(text: string, start: number, end: number, pronoun: string, person: boolean): Subject {
  return {
    kind: 'pronoun',
    start,
    end,
    text: text.slice(start, end),
    actor: null,
    side: null,
    sides: [],
    person,
    pronoun,
  };
}

/** One mention as a subject: its actor (none for a nationality adjective, "the Russian proposal") and its side. */
function mentionSubject(m: Mention): Subject {
  return {
    kind: 'mention',
    start: m.start,
    end: m.end,
    text: m.text,
    actor: m.kind === 'adjective' ? null : m.actor,
    side: m.side,
    sides: [],
    person: m.person,
    pronoun: null,
  };
}

function subjectFromMention(m: Mention, mentions: Mention[], text: string): Subject | null {
  if (m.possessive || m.kind === 'adjective') return null;
  // A place, not a speaker: "protesters in Kyiv accused …" (but "officials in Kyiv said").
  const lead = text.slice(Math.max(0, m.start - 60), m.start);
  if (
    /\b(?:in|at|from|near|outside|inside|across|around|to|into|of|with|against|for|by|on)\s+(?:the\s+)?$/i.test(lead) &&
    !PLACED_SPEAKERS.test(lead)
  )
    return null;
  // "Russia and Ukraine", "the leaders of Russia, Ukraine, Germany and France": walk back along the list.
  const before: Mention[] = [];
  let head = m;
  for (let k = mentions.indexOf(m) - 1; k >= 0; k--) {
    const x = mentions[k];
    if (
      !x ||
      x.possessive ||
      !/^\s*(?:,\s*|,?\s*and\s+|,?\s*as well as\s+)(?:the\s+)?$/.test(text.slice(x.end, head.start))
    )
      break;
    before.unshift(x);
    head = x;
  }
  if (
    before.length > 0 &&
    /\b(?:and|as well as)\s+(?:the\s+)?$/.test(text.slice(before[before.length - 1]?.end ?? 0, m.start))
  ) {
    const all = [...before, m];
    const start = all[0]?.start ?? m.start;
    return {
      kind: 'plural',
      start,
      end: m.end,
      text: text.slice(start, m.end),
      actor: null,
      side: null,
      sides: [...new Set(all.flatMap((x) => (x.side ? [x.side] : x.sides)))],
      person: false,
      pronoun: null,
      members: all.map((x) => ({ actor: x.actor, side: x.side, person: x.person })),
    };
  }
  if (m.kind === 'group') return groupSubject(m);
  return mentionSubject(m);
}

const pronounSubject = (t: Token): Subject => {
  const plural = t.lower === 'they';
  return {
    kind: plural ? 'plural' : 'pronoun',
    start: t.start,
    end: t.end,
    text: t.text,
    actor: null,
    side: null,
    sides: [],
    person: !plural && t.lower !== 'it',
    pronoun: t.lower,
  };
};

/**
 * The verb that carries an infinitive of saying with a particle or a place between ("went on to say", "came out to
 * say", "took to Telegram to say", "used the speech to warn"), from the "to" at `to`; -1 when there is none.
 */
function carrierOf(toks: Token[], to: number): number {
  for (let i = to - 1; i >= Math.max(0, to - 5); i--) {
    const k = toks[i];
    if (!k || k.text === ',' || QUOTE.test(k.text)) return -1;
    if (k.pos !== 'VERB' && k.pos !== 'AUX') continue;
    const between = toks.slice(i + 1, to).map((x) => x.lower);
    if (/^(?:go|come)$/.test(k.lemma) && between.length === 1 && /^(?:on|out|forward)$/.test(between[0] ?? ''))
      return i;
    if (/^(?:take|use|seize)$/.test(k.lemma) && between.length >= 1 && between.length <= 4) return i;
    return -1;
  }
  return -1;
}

/** Scans left from the verb over adverbs, auxiliaries, time phrases and appositives to its subject. */
function leftSubject(
  unit: Unit,
  mentions: Mention[],
  text: string,
  v: number,
): { subject: Subject | null; at: number } {
  const toks = unit.tokens;
  let i = v - 1;
  let skipped = 0;
  while (i >= 0 && skipped < 12) {
    const t = toks[i];
    if (!t) break;
    if (mentionAt(mentions, t.start, t.end)) break;
    // A quotation opening on the verb itself or around an adverb: Kyiv had “signalled that …”, Russia had “orally”
    // accepted.
    if (
      (t.text === '“' || t.text === '«' || t.text === '”' || t.text === '»' || (t.text === '"' && i >= v - 3)) &&
      i >= v - 4
    ) {
      i--;
      skipped++;
      continue;
    }
    if (
      SKIPPABLE.has(t.lower) ||
      (CATENATIVE.test(t.lemma) && toks[i + 1]?.lower === 'to') ||
      t.pos === 'ADV' ||
      t.pos === 'AUX' ||
      t.pos === 'PART' ||
      WEEKDAYS.test(t.lower) ||
      MONTHS.test(t.lower) ||
      /^\d/.test(t.text) ||
      t.lower === 'not' ||
      t.lower === "n't"
    ) {
      i--;
      skipped++;
      continue;
    }
    // "Kyiv and its allies accuse …": the allies are no side of their own; the one named speaks.
    if (ALLIES.test(t.lower)) {
      let k = i - 1;
      if (toks[k] && /^[A-Z]/.test(toks[k]?.text ?? '') && toks[k]?.pos !== 'PRON') k--;
      if (/^(?:its|his|her|their)$/.test(toks[k]?.lower ?? '') && /^(?:and|with)$/.test(toks[k - 1]?.lower ?? '')) {
        i = k - 2;
        skipped++;
        continue;
      }
    }
    if (t.text === ',' || t.text === ')' || t.text === '–' || t.text === '—') {
      // An appositive or parenthetical between commas: ", the Kremlin spokesperson,", ", which denies …,", ", he
      // said,".
      const closer = t.text;
      const opener = closer === ')' ? '(' : closer;
      let j = i - 1;
      while (
        j >= 0 &&
        j > i - 24 &&
        toks[j]?.text !== opener &&
        !(opener === ',' && (toks[j]?.text === '–' || toks[j]?.text === '—'))
      )
        j--;
      if (j < 0 || (toks[j]?.text !== opener && toks[j]?.text !== '–' && toks[j]?.text !== '—')) break;
      const seg = toks.slice(j + 1, i);
      const first = seg[0]?.lower ?? '';
      // A word of a title is no verb ("…, Ukraine's lead negotiator, said").
      const hasVerb = seg.some(
        (k) => k.pos === 'VERB' && !/(?:ing|ed)$/.test(k.lower) && !mentionAt(mentions, k.start, k.end),
      );
      const parenthetical = seg.length <= 3 && PRONOUNS.has(first);
      // A phrase of where or how the words came ("…, in his evening address, …"): its noun may read as a verb.
      const framing =
        /^(?:in|at|during|on|after|before|from|via|through|over)$/.test(first) &&
        /^(?:a|an|the|his|her|its|their|this|that|one|[a-z]+['’]s)$/.test(seg[1]?.lower ?? '') &&
        seg.length <= 8;
      if (
        !hasVerb ||
        framing ||
        first === 'which' ||
        first === 'who' ||
        first === 'whose' ||
        parenthetical ||
        closer === ')'
      ) {
        i = j - 1;
        skipped++;
        continue;
      }
      break;
    }
    break;
  }
  let t = toks[i];
  if (!t) return { subject: null, at: i };
  // "Russia, which denies …", "the former German foreign minister who put it forward": the relative pronoun stands for
  // the mention before it.
  if ((t.lower === 'which' || t.lower === 'who') && toks[i - 1]?.text === ',' && toks[i - 2]) {
    t = toks[i - 2] as Token;
  } else if (
    t.lower === 'who' &&
    toks[i - 1] &&
    mentionAt(mentions, (toks[i - 1] as Token).start, (toks[i - 1] as Token).end)
  ) {
    t = toks[i - 1] as Token;
  }
  const m = mentionAt(mentions, t.start, t.end);
  if (m) {
    const subject = subjectFromMention(m, mentions, text);
    // "Russia's chief negotiator in the talks with Ukraine said": a mention inside a prepositional phrase is not the
    // subject; its head is further left.
    if (!subject && !m.possessive && m.kind !== 'adjective') {
      let j = toks.findIndex((k) => k.start >= m.start) - 1;
      for (let hops = 0; j >= 0 && hops < 8; hops++, j--) {
        const k = toks[j];
        if (!k || k.text === ',' || k.pos === 'VERB' || k.pos === 'AUX') break;
        const head = mentionAt(mentions, k.start, k.end);
        if (head && head !== m && !head.possessive) {
          const hs = subjectFromMention(head, mentions, text);
          if (hs) return { subject: hs, at: j };
          break;
        }
      }
    }
    return { subject, at: i };
  }
  if (PRONOUNS.has(t.lower) && (t.pos === 'PRON' || t.lower === 'i')) return { subject: pronounSubject(t), at: i };
  // "The president said", "the minister added": a definite role noun points back like a pronoun, to the last person of
  // that role.
  // So do "the foreign minister", "the chief negotiator": the role's modifiers narrow it.
  if (ROLE_NOUNS.test(t.lower) && t.pos === 'NOUN') {
    let k = i - 1;
    while (k >= i - 2 && ROLE_MODIFIERS.test(toks[k]?.text ?? '')) k--;
    const the = toks[k];
    if (the && the.lower === 'the' && !mentionAt(mentions, the.start, t.end)) {
      const role = toks
        .slice(k + 1, i + 1)
        .map((x) => x.lower)
        .join(' ');
      return { subject: definiteBackReference(text, the.start, t.end, `role:${role}`, true), at: i };
    }
  }
  const prev = toks[i - 1];
  // "the ministry said", "the department added": a definite institution noun points back like "it", to the
  // institution that spoke last.
  if (
    INSTITUTION_NOUNS.test(t.lower) &&
    prev?.lower === 'the' &&
    t.pos === 'NOUN' &&
    !mentionAt(mentions, prev.start, t.end)
  )
    return { subject: definiteBackReference(text, prev.start, t.end, 'it', false), at: i };
  // "The U.S. Treasury Department said", "the Russian Defence Ministry said": an institution's head noun after a
  // mention.
  if (
    /^(?:Department|Ministry|Office|Service|Council|Committee|Agency|Administration|Commission|Bureau|Secretariat|Directorate|Cabinet|Presidency|Mission|Embassy|Delegation)$/.test(
      t.text,
    ) &&
    prev
  ) {
    const owner = mentionAt(mentions, prev.start, prev.end);
    if (owner && owner.end === prev.end && owner.side && !owner.possessive) {
      return {
        subject: {
          kind: 'mention',
          start: owner.start,
          end: t.end,
          text: text.slice(owner.start, t.end),
          actor: owner.kind === 'adjective' || owner.kind === 'side' ? null : owner.actor,
          side: owner.side,
          sides: [],
          person: false,
          pronoun: null,
        },
        at: i,
      };
    }
  }
  // "Poroshenko's office said", "the Kremlin's press service said", "Russia's memorandum demands": the owner speaks
  // (not in the passive: "Russia's proposal was rejected").
  const passive = /^(?:is|are|was|were|been|be|being)$/.test(toks[v - 1]?.lower ?? '');
  if ((OFFICE_NP.has(t.lower) || (DOCUMENT_NOUNS.test(t.lower) && !passive)) && prev) {
    const owner = mentions.find(
      (x) =>
        x.possessive &&
        x.end <= t.start &&
        x.end >= (toks[i - 4]?.start ?? 0) &&
        /^['’]s?\s+(?:(?:press|foreign|defen[cs]e|official|latest|new|own|joint|written|\w+ine)\s+(?:and\s+(?:foreign|defen[cs]e|\w+ine)\s+)?)?$/.test(
          text.slice(x.end, t.start),
        ),
    );
    if (owner?.side)
      return {
        subject: {
          kind: 'mention',
          start: owner.start,
          end: t.end,
          text: text.slice(owner.start, t.end),
          actor: owner.actor,
          side: owner.side,
          sides: [],
          person: owner.person,
          pronoun: null,
        },
        at: i,
      };
    // "a Kremlin statement said", "the White House readout said": an adjective-like owner before the document.
    const attributive = mentions.find(
      (x) =>
        x.end <= t.start &&
        x.end >= (toks[i - 2]?.start ?? 0) &&
        /^\s+(?:[\w-]+\s+)?$/.test(text.slice(x.end, t.start)) &&
        x.side,
    );
    if (attributive && DOCUMENT_NOUNS.test(t.lower))
      return {
        subject: {
          kind: 'mention',
          start: attributive.start,
          end: t.end,
          text: text.slice(attributive.start, t.end),
          actor: attributive.kind === 'adjective' ? null : attributive.actor,
          side: attributive.side,
          sides: [],
          person: false,
          pronoun: null,
        },
        at: i,
      };
  }
  if (POSSESSIVE_NP.has(t.lower) && prev && /^(?:his|her|its|their|our|my)$/.test(prev.lower)) {
    return {
      subject: {
        kind: 'possessive',
        start: prev.start,
        end: t.end,
        text: text.slice(prev.start, t.end),
        actor: null,
        side: null,
        sides: [],
        person: false,
        pronoun: prev.lower,
      },
      at: i,
    };
  }
  if (PLURAL_NP.has(t.lower) && prev && /^(?:both|two|the|all|three|four)$/.test(prev.lower)) {
    // "Russian and Ukrainian negotiators": the sides are the adjectives before the noun.
    const sides = mentions
      .filter((x) => x.kind === 'adjective' && x.end <= t.start && x.start >= (toks[i - 6]?.start ?? 0))
      .map((x) => x.side ?? '');
    return {
      subject: {
        kind: 'plural',
        start: prev.start,
        end: t.end,
        text: text.slice(prev.start, t.end),
        actor: null,
        side: null,
        sides: sides.filter(Boolean),
        person: false,
        pronoun: null,
      },
      at: i,
    };
  }
  if (PLURAL_NP.has(t.lower)) {
    const adj = mentions.filter(
      (x) => x.kind === 'adjective' && x.end <= t.start && x.start >= (toks[i - 6]?.start ?? 0),
    );
    if (adj.length >= 2)
      return {
        subject: {
          kind: 'plural',
          start: adj[0]?.start ?? t.start,
          end: t.end,
          text: t.text,
          actor: null,
          side: null,
          sides: adj.map((x) => x.side ?? '').filter(Boolean),
          person: false,
          pronoun: null,
        },
        at: i,
      };
  }
  // "China's Ministry of Commerce and Ministry of Foreign Affairs condemned": a second institution of the same side
  // coordinated with a named one (one claim: the side's institutions speak as one).
  if (/^[A-Z]/.test(t.text)) {
    for (let k = i - 1; k >= Math.max(1, i - 6); k--) {
      const w = toks[k] as Token;
      if (w.lower === 'and') {
        const left = toks[k - 1] as Token;
        const owner = mentionAt(mentions, left.start, left.end);
        if (owner && owner.end === left.end && owner.side && !owner.possessive && !owner.person) {
          const first = subjectFromMention(owner, mentions, text);
          if (first && first.kind === 'mention') return { subject: { ...first, end: t.end }, at: i };
        }
        break;
      }
      if (!/^[A-Z]/.test(w.text) && !/^(?:of|for|on)$/.test(w.lower)) break;
    }
  }
  // "Ukrainian officials", "US negotiators", "the Russian side": an adjective of a side with a speaking noun.
  const adj = mentions.find(
    (x) =>
      x.kind === 'adjective' &&
      x.end <= t.start &&
      x.start >= (toks[i - 2]?.start ?? 0) &&
      /^\s+(?:[\w-]+\s+)?$/.test(text.slice(x.end, t.start)),
  );
  if (
    adj?.side &&
    /^(?:side|officials|delegation|negotiators|leadership|authorities|government|team|leaders|diplomats)$/.test(t.lower)
  ) {
    return {
      subject: {
        kind: 'mention',
        start: adj.start,
        end: t.end,
        text: text.slice(adj.start, t.end),
        actor: null,
        side: adj.side,
        sides: [],
        person: false,
        pronoun: null,
      },
      at: i,
    };
  }
  return { subject: null, at: i };
}

/** Offsets of quoted passages in the unit. */
export function quoteRanges(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '"') {
      if (open < 0) open = i;
      else {
        out.push([open, i + 1]);
        open = -1;
      }
    } else if (c === '“' || c === '«') open = i;
    else if ((c === '”' || c === '»') && open >= 0) {
      out.push([open, i + 1]);
      open = -1;
    }
  }
  if (open >= 0) out.push([open, to]);
  return out;
}

/**
 * Whether the words before a subject are reported words (`…, Zelensky said`) rather than a
 * leading adverbial (`Later on Monday, Peskov told …`, `In a statement issued jointly …, X said`,
 * a dateline): a clause with a finite verb that does not open with a preposition, an adverb, a
 * conjunction or a participle.
 */
function reportedBefore(toks: Token[], from: number, subjectStart: number): boolean {
  const before = toks.filter((k) => k.start >= from && k.end <= subjectStart);
  return before.some(
    (k, i) =>
      k.pos === 'AUX' ||
      (k.pos === 'VERB' && !/ing$/.test(k.lower) && before[i - 1]?.pos !== 'ADP' && before[i - 1]?.pos !== 'DET'),
  );
}

/**
 * Whether a reporting verb governs words after it ("said that …", "told reporters Kyiv must …",
 * "said: …") rather than closing its sentence ("…, the White House said in a statement."): a
 * complement, a quotation or a finite verb before the next comma.
 */
function governsAfter(toks: Token[], a: { verbEnd: number }, text: string): boolean {
  const after = text.slice(a.verbEnd, a.verbEnd + 200);
  if (
    /^\s*(?:(?!after\b|before\b|following\b|during\b|as\b|when\b|while\b)[\w’'-]+\s+){0,3}?(?:that\b|:|["“«])/i.test(
      after,
    )
  )
    return true;
  for (const k of toks) {
    if (k.start < a.verbEnd) continue;
    if (k.text === ',' || k.text === '.' || k.text === ';' || k.text === '—' || k.text === '–') return false;
    if (k.pos === 'AUX' || (k.pos === 'VERB' && !/(?:ing|ed)$/.test(k.lower) && !IRREGULAR_PAST.has(k.lower)))
      return true;
  }
  return false;
}

interface Draft {
  tok: number;
  last: number;
  kind: PredicateKind;
  cue: VerbCue;
  subject: Subject;
  at: number;
  absorbed: boolean;
  passive: boolean;
}

/** "never to cede", "not to give up": a refusal of what the other side asks, after a verb of committing. */
const NEVER_TO_CONCEDE =
  /^\s+(?:never|not)\s+(?:ever\s+)?to\s+(?:\w+\s+)?(?:cede|ced|give\s+(?:up|in|away)|surrender|yield|concede|compromise|back\s+down|bow|capitulate|accept|recogni[sz]e|agree|sign|negotiate|talk|trade|hand\s+over|abandon|renounce|drop|lift|withdraw|pull\s+out|return|allow|let)/i;

function anchorOf(d: Draft, index: number, unit: Unit, text: string, inQuote: (p: number) => boolean): Anchor {
  const toks = unit.tokens;
  const t = toks[d.tok] as Token;
  const lastTok = toks[d.last] ?? t;
  const subject = d.subject;
  // A negation belongs to the predicate when no other verb stands between them ("had not responded to offers": not the
  // offers').
  const lead = toks.slice(Math.max(0, d.tok - 3), d.tok);
  const lastNeg = lead
    .map((k) => k.lower)
    .findLastIndex((w) => w === 'not' || w === "n't" || w === 'never' || w === 'no');
  const negated =
    (lastNeg >= 0 && !lead.slice(lastNeg + 1).some((k) => k.pos === 'VERB') && !lead.some((k) => k.lower === 'only')) ||
    // "pledged never to cede": a commitment never to give what the other side asks is a refusal; "promised not to
    // strike" commits to refraining, an offer.
    (d.cue.kind === 'stance' && NEVER_TO_CONCEDE.test(text.slice(lastTok.end, lastTok.end + 40))) ||
    // "has offered no concessions", "proposed zero compromises": what the verb gives is nothing.
    (d.cue.kind === 'stance' && /^\s+(?:no|zero)\s+[a-z]/i.test(text.slice(lastTok.end, lastTok.end + 12)));
  const before = text.slice(unit.start, Math.min(subject.start, t.start));
  const clauseStart = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf('–'),
    before.lastIndexOf(';'),
    before.lastIndexOf('—'),
  );
  const sinceClause = before.slice(clauseStart + 1);
  const subordinate = /\b(?:after|before|because|since|when|as|although|though|once)\s+(?:[\w'’-]+\s+){0,3}$/i.test(
    sinceClause,
  );
  const conditional =
    CONDITIONAL.test(before) ||
    /\b(?:unless|if|whether|until|only (?:after|when|once))\b[^,]*$/i.test(
      before.slice(Math.max(0, before.length - 80)),
    );
  const pastAt = /ing$/.test(t.lower)
    ? toks.findIndex((k, i) => i > d.at && i < d.tok && (k.pos === 'VERB' || k.pos === 'AUX'))
    : d.tok;
  return {
    index,
    tok: d.tok,
    verbStart: t.start,
    verbEnd: lastTok.end,
    lemma: t.lemma === 'signalled' || t.lemma === 'signaled' ? 'signal' : t.lemma,
    kind: d.kind,
    cue: d.cue,
    stance: d.cue.stance,
    subject,
    negated,
    trailing: false,
    parent: null,
    subordinate,
    conditional,
    absorbed: d.absorbed,
    pastSimple: pastAt >= 0 ? isPast(toks, pastAt) : false,
    noun:
      d.kind !== 'according' && t.lemma !== 'call' && t.lemma !== 'say' && t.lemma !== 'tell'
        ? stanceNoun(toks, d.last)
        : null,
    scopeStart: lastTok.end,
    scopeEnd: unit.end,
    insideQuote: inQuote(t.start),
    colon:
      /^\s*(?:\w+\s+){0,3}?:/.test(text.slice(lastTok.end, lastTok.end + 40)) &&
      !/^\s*(?:\w+\s+){0,3}?:\s*\d/.test(text.slice(lastTok.end, lastTok.end + 40)),
    patientStart: d.passive ? unit.start + clauseStart + 1 : null,
  };
}

const REACTIONS = wordTable<Stance>({
  criticism: 'rejection',
  condemnation: 'rejection',
  rebuke: 'rejection',
  opposition: 'rejection',
  objections: 'rejection',
  scorn: 'rejection',
  ridicule: 'rejection',
  praise: 'acceptance',
  support: 'acceptance',
  backing: 'acceptance',
  approval: 'acceptance',
});

const RECEIVING = /^(?:draw|meet|face|attract|earn|win|receive|spark|provoke|prompt|get)$/;

/** A reaction that a verb receives from its author: "drew criticism from X", "met with praise from X". */
function reactionFrom(toks: Token[], v: number, mentions: Mention[], text: string): Draft | null {
  const t = toks[v];
  if (t?.pos !== 'VERB' || !RECEIVING.test(t.lemma)) return null;
  for (let i = v + 1; i <= Math.min(toks.length - 2, v + 5); i++) {
    const k = toks[i] as Token;
    const stance = REACTIONS.get(k.lower);
    if (!stance) {
      if (k.pos === 'VERB' || k.text === ',' || QUOTE.test(k.text)) return null;
      continue;
    }
    if (toks[i + 1]?.lower !== 'from') return null;
    const m = mentionAfter(toks, i + 2, mentions);
    const subject = m ? subjectFromMentionLoose(m, mentions, text) : null;
    if (!subject) return null;
    return {
      tok: v,
      last: i + 1,
      kind: 'owner',
      cue: { kind: 'stance', stance },
      subject,
      at: i + 2,
      absorbed: false,
      passive: true,
    };
  }
  return null;
}

/** Finds the predicates of one unit, their subjects, and which reporter each one's words belong to. */
export function findAnchors(unit: Unit, mentions: Mention[], text: string): Anchor[] {
  const toks = unit.tokens;
  const quotes = quoteRanges(text, unit.start, unit.end);
  const inQuote = (pos: number) => quotes.some(([a, b]) => pos > a && pos < b);
  const drafts: Draft[] = [];
  const acts: Draft[] = [];
  for (let v = 0; v < toks.length; v++) {
    const t = toks[v];
    if (!t) continue;
    // "…, according to Peskov." / "According to the Kremlin, …" / "according to her": a reporter whose subject follows.
    if (t.lower === 'according' && toks[v + 1]?.lower === 'to') {
      const nt = toks[v + 2];
      const m = mentionAfter(toks, v + 2, mentions);
      let subject = m ? subjectFromMentionLoose(m, mentions, text) : null;
      if (!subject && nt && /^(?:him|her|them|it)$/.test(nt.lower)) {
        subject = {
          ...pronounSubject(nt),
          pronoun: nt.lower === 'him' ? 'he' : nt.lower === 'her' ? 'she' : nt.lower === 'them' ? 'they' : 'it',
          person: nt.lower !== 'it' && nt.lower !== 'them',
        };
      }
      if (subject && !inQuote(t.start)) {
        drafts.push({
          tok: v,
          last: v + 1,
          kind: 'according',
          cue: { kind: 'report', stance: 'statement' },
          subject,
          at: v,
          absorbed: false,
          passive: false,
        });
      }
      continue;
    }
    // "in Russia's view", "in the view of the Kremlin", "in his opinion": a reporter, as "according to" is.
    if (t.lower === 'in' && !inQuote(t.start)) {
      const view = viewFrame(toks, v, mentions, text);
      if (view) {
        drafts.push({
          tok: v,
          last: view.last,
          kind: 'according',
          cue: { kind: 'report', stance: 'statement' },
          subject: view.subject,
          at: v,
          absorbed: false,
          passive: false,
        });
        v = view.last;
        continue;
      }
    }
    // "quoted Lavrov as saying", "Lavrov was quoted as saying": the one quoted speaks.
    if (t.lemma === 'quote' && t.pos === 'VERB') {
      const nt = toks[v + 1];
      const m = nt ? mentionAt(mentions, nt.start, nt.end) : undefined;
      // "Peskov was quoted (by TASS) as saying": the passive's subject is the one quoted.
      const aux = toks[v - 1];
      const passiveOf =
        aux && /^(?:was|were|is|are|been)$/.test(aux.lower)
          ? mentions.find((x) => x.end === toks[aux.lower === 'been' ? v - 3 : v - 2]?.end)
          : undefined;
      const subject =
        m && m.start === nt?.start
          ? subjectFromMentionLoose(m, mentions, text)
          : passiveOf
            ? subjectFromMention(passiveOf, mentions, text)
            : null;
      if (subject) {
        const as = toks.findIndex((k, i) => i > v && k.lower === 'as' && toks[i + 1]?.lower === 'saying');
        drafts.push({
          tok: v,
          last: as > v ? as + 1 : v,
          kind: 'report',
          cue: { kind: 'report', stance: 'statement' },
          subject,
          at: v,
          absorbed: false,
          passive: false,
        });
        if (as > v) v = as + 1;
      }
      continue;
    }
    // "the US proposal for a truce", "Russia's demands", "an invitation from Putin": a stance its owner took.
    // "Ukraine's call for an energy truce": a call or appeal is a demand when it is for something (not a phone call).
    const owned =
      OWNED_NOUNS.get(t.lower) ??
      (/^(?:calls?|appeals?)$/.test(t.lower) && toks[v + 1]?.lower === 'for' ? 'demand' : undefined);
    if (owned && t.pos === 'NOUN' && !presentVerbAfterSubject(toks, v, mentions)) {
      const owner = ownerOf(toks, v, mentions, text);
      if (owner) {
        drafts.push({
          tok: v,
          last: v,
          kind: 'owner',
          cue: { kind: 'stance', stance: owned },
          subject: owner,
          at: v,
          absorbed: false,
          passive: false,
        });
        continue;
      }
    }
    // "The plan drew sharp criticism from Moscow", "the idea met with support from Kyiv": the one after "from" took the
    // stance on what stands before the verb.
    const reaction = reactionFrom(toks, v, mentions, text);
    if (reaction) {
      drafts.push(reaction);
      v = reaction.last;
      continue;
    }
    // "Zelensky, speaking on the sidelines of a summit on Tuesday, called for …": the participle frames the verb
    // that carries the words; where and when it was said are no words of its own.
    if (FRAMING_PARTICIPLE.test(t.lower) && FRAMING_PREPOSITION.test(toks[v + 1]?.lower ?? '')) continue;
    const found = verbCue(toks, v);
    if (!found) {
      // A side doing something in the journalist's words: "Putin sent a lower-level group to Istanbul".
      const act = actOf(unit, mentions, text, v, inQuote);
      if (act) acts.push(act);
      continue;
    }
    // "suggested that the talks were going nowhere": suggesting that something is so says it is (a report); one
    // suggests what should be done with a gerund, a subjunctive or "should".
    const indicative =
      t.lemma === 'suggest' &&
      INDICATIVE_AFTER.test(text.slice(toks[found.last]?.end ?? t.end, Math.min(unit.end, t.end + 80)));
    const cue: VerbCue = indicative
      ? { kind: 'report', stance: 'statement' }
      : { kind: found.kind, stance: found.stance };
    const prevTok = toks[v - 1];
    // An infinitive ("agree to relaunch") is governed by the verb before, unless that verb only carries
    // it ("continued to dial back", "was keen to stress", "went on to say").
    // "went on to say", "came out to say", "took to Telegram to say": the verb before only carries the saying, and its
    // subject speaks.
    const carrier = prevTok?.lower === 'to' && cue.kind === 'report' ? carrierOf(toks, v - 1) : -1;
    const carried = prevTok?.lower === 'to' && (CATENATIVE.test(toks[v - 2]?.lemma ?? '') || carrier >= 0);
    if (prevTok?.lower === 'to' && !carried && cue.kind !== 'stance') continue;
    if (prevTok?.lower === 'to' && !carried && STANCE_ADJECTIVES.get(t.lower) === undefined) continue;
    if (mentionAt(mentions, t.start, t.end)) continue;
    const prevDraft = drafts[drafts.length - 1];
    // Passive with its agent: "was rejected by Kyiv", "a truce put forward by the United States", "was called a sham by
    // X".
    const passiveAux = /^(?:is|are|was|were|been|be|being|has been|had been)$/.test(prevTok?.lower ?? '');
    const byAt = toks.findIndex((k, i) => i > found.last && i <= found.last + 5 && k.lower === 'by');
    const agentTok = byAt > 0 ? (toks[byAt + 1]?.lower === 'the' ? toks[byAt + 2] : toks[byAt + 1]) : undefined;
    const agent = agentTok ? mentionAt(mentions, agentTok.start, agentTok.end) : undefined;
    const participle =
      isPastForm(t) &&
      (passiveAux ||
        (prevTok !== undefined && (prevTok.pos === 'NOUN' || prevTok.pos === 'PROPN' || prevTok.text === ',')));
    if (
      participle &&
      !found.adjective &&
      agent &&
      agent.start <= (agentTok?.start ?? -1) &&
      byAt - found.last <= 4 &&
      !agent.possessive
    ) {
      const subject = subjectFromMentionLoose(agent, mentions, text);
      if (subject) {
        const kind: PredicateKind = cue.kind === 'report' ? 'report' : 'owner';
        drafts.push({ tok: v, last: found.last, kind, cue, subject, at: byAt + 1, absorbed: false, passive: true });
        continue;
      }
    }
    if (passiveAux && isPastForm(t) && cue.kind !== 'report' && !found.adjective) continue; // "Russia's proposal was rejected": the subject did not reject
    // "kept pushing for", "will keep pressing for", "continued insisting on": the verb before only carries the stance.
    const aspect =
      /ing$/.test(t.lower) && cue.kind === 'stance' && /^(?:keep|continue)$/.test(prevTok?.lemma ?? '') ? v - 1 : -1;
    let { subject, at } = leftSubject(unit, mentions, text, carrier >= 0 ? carrier : aspect >= 0 ? aspect : v);
    // "did not say whether Moscow had accepted", "asked if Kyiv would agree": a yes-or-no question governed by another
    // verb asks whether there was a stance; it is nobody's. ("why Putin rejected it" does tell of a rejection.)
    if (subject && EMBEDDED_QUESTION.test(text.slice(unit.start, subject.start))) continue;
    const leftTok = toks[at];
    let absorbed = false;
    // A participle after a comma or a preposition shares the subject of the clause ("…, saying", "before rejecting").
    if (
      !subject &&
      /ing$/.test(t.lower) &&
      leftTok &&
      /^(?:,|before|after|while|by|without|when|in)$/.test(leftTok.lower)
    ) {
      if (prevDraft?.subject && (leftTok.text === ',' || leftTok.lower === 'while' || leftTok.lower === 'by')) {
        subject = prevDraft.subject;
        // "Russia reacted angrily after Ukraine demanded a ceasefire, saying …": the participle is the main clause's,
        // whose subject opens the sentence, not the subordinate clause's.
        const sub = prevDraft.subject;
        const first = mentions.find(
          (m) => m.side && m.start >= unit.start && m.start <= (toks[1]?.start ?? unit.start),
        );
        if (
          first &&
          sub.start > first.end &&
          /\b(?:after|before|when|because|since|as|once|until|although|though)\s+(?:the\s+)?$/i.test(
            text.slice(first.end, sub.start),
          ) &&
          !/[,;]/.test(text.slice(first.end, sub.start))
        ) {
          const main = subjectFromMention(first, mentions, text);
          if (main) subject = main;
        }
        absorbed = prevDraft.cue.kind === 'report' && cue.kind === 'report';
      } else {
        const first = mentions.find((m) => m.start >= unit.start && m.start <= (toks[2]?.start ?? unit.start));
        if (first) subject = subjectFromMention(first, mentions, text);
        else if (prevDraft?.subject) subject = prevDraft.subject;
      }
    }
    // A document that speaks for its author: "Ukraine handed Russia a memorandum calling for …".
    if (!subject && /ing$/.test(t.lower) && leftTok && DOCUMENT_NOUNS.test(leftTok.lower)) {
      const first = mentions.find((m) => m.start >= unit.start && m.start <= (toks[2]?.start ?? unit.start));
      if (first) subject = subjectFromMention(first, mentions, text);
    }
    // Coordinated verbs share the subject: "agreed to … and proposed", "told reporters … but added".
    if (!subject && leftTok && /^(?:and|but|or)$/.test(leftTok.lower) && prevDraft?.subject) {
      const between = toks.slice(prevDraft.tok + 1, v);
      const infinitive = between.some(
        (k, i) => k.lower === 'to' && (between[i + 1]?.pos === 'VERB' || between[i + 1]?.pos === 'AUX'),
      );
      // "agreed to stop strikes … but rejected": "but" joins main clauses; "and" may join the infinitive's verbs,
      // unless the verb is in the past like the main one ("called on them to lay down arms and offered …").
      const pastLikeMain = isPastForm(t) && isPastForm(toks[prevDraft.tok]);
      if (!infinitive || leftTok.lower === 'but' || pastLikeMain) subject = prevDraft.subject;
    }
    // Inverted attribution after a quote or a comma: `," said a French diplomatic source`, `…, said Foreign Minister
    // X.`
    if (!subject && leftTok && (QUOTE.test(leftTok.text) || leftTok.text === ',' || leftTok.text === ':')) {
      const next = toks[found.last + 1];
      const m = mentionAfter(toks, found.last + 1, mentions);
      if (m) subject = subjectFromMentionLoose(m, mentions, text);
      else if (next && PRONOUNS.has(next.lower) && next.lower !== 'it') subject = pronounSubject(next);
    }
    if (!subject) continue;
    // "it" in a quote is a thing ("it requires effort"), not the speaker; so is "they" in "they will say yes".
    if ((subject.pronoun === 'it' || subject.pronoun === 'they') && inQuote(t.start)) continue;
    drafts.push({
      tok: v,
      last: found.last,
      kind: cue.kind === 'report' ? 'report' : 'stance',
      cue,
      subject,
      at,
      absorbed,
      passive: false,
    });
    v = found.last;
  }
  const anchors = drafts.map((d, i) => anchorOf(d, i, unit, text, inQuote));
  for (const a of anchors) {
    if (a.kind !== 'report' && a.kind !== 'according') continue;
    if (a.kind === 'according') {
      // "…, according to Peskov" closes reported words; "Then, according to him, …" opens them.
      a.trailing =
        a.tok > 0 &&
        /,\s*["”»]?\s*$/.test(text.slice(unit.start, a.verbStart)) &&
        reportedBefore(unit.tokens, unit.start, a.verbStart);
      continue;
    }
    const subject = a.subject;
    if (!subject || subject.start <= unit.start || a.insideQuote) continue;
    const leftTok = unit.tokens[Math.max(0, unit.tokens.findIndex((k) => k.end > subject.start) - 1)];
    const afterSubjectPrev = text.slice(unit.start, Math.min(subject.start, a.verbStart)).trimEnd();
    a.trailing =
      (subject.start > a.verbEnd &&
        (QUOTE.test(leftTok?.text ?? '') || /[,"”»:]$/.test(text.slice(unit.start, a.verbStart).trimEnd()))) ||
      /["”»],?$/.test(afterSubjectPrev) ||
      ((/,$/.test(afterSubjectPrev) ||
        /,["”»]?\s*(?:(?!(?:that|which|who|whom|whose|in|on|at|of|for|with|by|as|to|from|a|an|when|where|while|after|before|and|but)\s)[\w.'’-]+\s+){1,4}$/i.test(
          text.slice(unit.start, subject.start),
        )) &&
        !governsAfter(unit.tokens, a, text) &&
        reportedBefore(unit.tokens, unit.start, unit.start + Math.max(0, afterSubjectPrev.lastIndexOf(','))));
  }
  // A trailing reporter must close the sentence (or sit between commas); otherwise it opens a clause.
  for (const a of anchors) {
    if (!a.trailing || a.kind === 'according') continue;
    const later = anchors.filter((b) => b.index > a.index && b.subject !== a.subject && !b.insideQuote);
    const afterText = text.slice(a.verbEnd, unit.end);
    if (later.length > 0 && !/^[^,]*,/.test(afterText) && !/^[^"“]*["“]/.test(afterText)) a.trailing = false;
    // A complement after the verb (and its listener) makes it a leading frame: "told reporters that", "said:".
    if (a.subject && a.subject.start < a.verbStart) {
      if (/^\s*(?:to|that)\b/.test(afterText) || /^\s*:/.test(afterText)) a.trailing = false;
      if (
        /^\s*(?:(?!after\b|before\b|following\b|during\b|as\b|when\b|while\b|in\b|at\b|on\b)[\w’'-]+\s+){1,3}?(?:that\b|:\s|["“«])/i.test(
          afterText,
        )
      )
        a.trailing = false;
    }
  }
  // Scopes: each predicate governs up to the subject of the next predicate with another subject.
  for (const a of anchors) {
    if (a.kind === 'owner') {
      // An owned stance noun governs its own phrase: "the US proposal for a 30-day ceasefire, which …".
      // An owner named in a clause set off by commas ("the invitation, which originated with Mnuchin, to send …"):
      // the phrase goes on after it.
      const aside =
        a.subject &&
        a.subject.start > a.verbEnd &&
        /^\s*,\s*(?:which|that)\b/.test(text.slice(a.verbEnd, a.subject.start))
          ? /^\s*,\s*/.exec(text.slice(a.subject.end, unit.end))
          : null;
      const from = aside && a.subject ? a.subject.end + aside[0].length : a.verbEnd;
      // "Under Russia's plan, Ukraine would cede …": what follows the comma is the proposal's terms.
      const headed =
        /^\W*under\s+(?:the\s+)?$/i.test(
          text.slice(unit.start, Math.min(a.verbStart, a.subject?.start ?? a.verbStart)),
        ) && /^[^,;]{0,40},/.exec(text.slice(a.verbEnd, unit.end));
      if (headed) {
        a.scopeStart = a.verbEnd + headed[0].length;
        a.scopeEnd = unit.end;
        continue;
      }
      const rest = text.slice(from, unit.end);
      // "Russia's demands include neutrality, a smaller army and …": a list the noun heads runs on past "and".
      const list = /^\s+(?:include|includes|included|including|are|were|range from|consist of|comprise)\b/.test(rest);
      const stop = (
        list
          ? /[;:"”»]|\s[–—]\s|\s(?:which|but|while|after|before)\s/
          : /[,;:"”»]|\s[–—]\s|\s(?:which|that|and|but|while|after|before|as|to be)\s/
      ).exec(rest);
      a.scopeStart = from;
      a.scopeEnd = from + Math.min(stop ? stop.index : rest.length, 120);
      if (!aside && a.subject && a.subject.start > a.verbEnd) a.scopeEnd = Math.max(a.scopeEnd, a.subject.end);
      continue;
    }
    if (a.trailing) {
      a.scopeStart = unit.start;
      a.scopeEnd = a.subject && a.subject.start > unit.start ? Math.min(a.subject.start, a.verbStart) : a.verbStart;
      // The reported words end at the comma or quote before the reporter's phrase.
      const before = text.slice(unit.start, a.scopeEnd);
      const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf('”'), before.lastIndexOf('"'));
      if (cut > before.length - 60 && cut > 0) a.scopeEnd = unit.start + cut;
      continue;
    }
    // "According to X, …" and inverted "…, said X": the words governed run to the end of the unit.
    if (a.kind === 'according' || (a.subject && a.subject.start >= a.verbEnd && a.cue.kind === 'report')) {
      a.scopeStart = a.subject ? a.subject.end : a.verbEnd;
      continue;
    }
    // A predicate inside a condition ("said that if Zelensky wanted to …, he should …") is part of the words, not a new
    // speaker.
    const next = anchors.find(
      (b) =>
        b.index > a.index &&
        b.subject &&
        b.subject !== a.subject &&
        b.subject.start > a.verbEnd &&
        !b.trailing &&
        b.kind !== 'owner' &&
        !b.conditional,
    );
    a.scopeEnd = next?.subject ? Math.min(unit.end, next.subject.start, next.verbStart) : unit.end;
    // "a commitment to the Minsk agreements, which Putin said had no alternative": what the relative pronoun stands
    // for is what is said of; the words run from it to the end of the relative clause.
    const relative =
      a.cue.kind === 'report' && a.subject && a.subject.start < a.verbStart
        ? /,\s*(?:which|that)\s+$/.exec(text.slice(unit.start, a.subject.start))
        : null;
    if (relative && a.subject) {
      // The antecedent: the last noun phrase before the comma ("the plan", "the Minsk agreements").
      const head = text.slice(unit.start, unit.start + relative.index);
      const np = /\b(?:the|a|an|this|that|these|those|its|their|his|her|our)\s+[^,;:]{0,60}$/i.exec(head);
      a.scopeStart = unit.start + (np ? np.index : relative.index);
      const close = /[,;]|\s[–—]\s/.exec(text.slice(a.verbEnd, a.scopeEnd));
      if (close) a.scopeEnd = a.verbEnd + close.index;
    }
    // A coordinated verb of the same subject starts a clause of its own: "agreed to X and proposed Y".
    const sibling = anchors.find(
      (b) => b.index > a.index && b.subject === a.subject && b.verbStart > a.verbEnd && b.verbStart < a.scopeEnd,
    );
    if (sibling) {
      const gap = text.slice(a.verbEnd, sibling.verbStart);
      const m = /(?:,\s*|\s)(?:and|but|while|whilst|or)?\s*(?:(?:also|then|once again|again)\s+)?$/.exec(gap);
      a.scopeEnd = a.verbEnd + (m ? m.index : gap.length);
    }
    // A trailing reporter's subject ends the words of the ones before it.
    const trailingAfter = anchors.find((b) => b.trailing && b.index > a.index);
    if (trailingAfter?.subject && trailingAfter.subject.start > a.verbEnd) {
      // Up to the comma or quote before the reporter's phrase (", chief negotiator Robert Lighthizer told …").
      const between = text.slice(a.verbEnd, trailingAfter.subject.start);
      const cut = Math.max(between.lastIndexOf(','), between.lastIndexOf('”'), between.lastIndexOf('"'));
      a.scopeEnd = Math.min(a.scopeEnd, cut > 0 ? a.verbEnd + cut : trailingAfter.subject.start);
    }
  }
  // Parents: the trailing reporter, else the nearest reporter before with no clause break in between.
  const trailing = anchors.find((a) => a.trailing);
  for (const a of anchors) {
    if (a === trailing) continue;
    for (let k = a.index - 1; k >= 0; k--) {
      const r = anchors[k];
      if (!r || (r.cue.kind !== 'report' && r.kind !== 'according') || r.trailing) continue;
      if (a.verbStart < r.verbEnd) continue;
      const between = text.slice(r.verbEnd, a.subject && a.subject.start > r.verbEnd ? a.subject.start : a.verbStart);
      CLAUSE_BREAK.lastIndex = 0;
      const quoted = a.insideQuote && !r.insideQuote;
      if (
        (!CLAUSE_BREAK.test(between) || quoted) &&
        !/\b(?:after|before|because|although|though|unless)\s/.test(between) &&
        a.subject !== r.subject
      )
        a.parent = r;
      break;
    }
    if (!a.parent && trailing && a.verbStart < (trailing.subject?.start ?? trailing.verbStart)) a.parent = trailing;
  }
  // Acts count only where no other predicate governs their words, and govern their own clause.
  for (const d of acts) {
    const t = toks[d.tok] as Token;
    if (
      anchors.some(
        (a) =>
          (t.start >= a.scopeStart && t.start < a.scopeEnd) ||
          (a.subject && a.subject.start <= t.start && t.start < a.verbEnd),
      )
    )
      continue;
    const act = anchorOf(d, anchors.length, unit, text, inQuote);
    const rest = text.slice(act.verbEnd, unit.end);
    const stop = /;|\s[–—]\s|,\s(?:but|while|and|as|which|who)\s|\s(?:but|while|whereas)\s/.exec(rest);
    act.scopeEnd = act.verbEnd + (stop ? stop.index : rest.length);
    const next = anchors.find((a) => a.subject && a.subject.start > act.verbEnd && a.subject.start < act.scopeEnd);
    if (next?.subject) act.scopeEnd = next.subject.start;
    anchors.push(act);
  }
  return anchors;
}

/**
 * Taking part in talks; negated, a refusal: attend, join, send (a delegation), turn up, show up, take part, travel,
 * come.
 */
const PARTICIPATE = /^(?:attend|join|send|turn|show|take|participate|travel|come|go)$/;

/** Nouns of a view held: "in Russia's view", "in his opinion", "in the words of the Kremlin". */
const VIEW_NOUN = /^(?:view|views|opinion|estimation|assessment|judgement|judgment|words|reading|telling)$/;

/**
 * The holder of a view named after "in" at token `v` ("in Russia's view", "in the view of the Kremlin", "in his
 * opinion"), with the last token of the frame; null when the words are no such frame.
 */
function viewFrame(
  toks: Token[],
  v: number,
  mentions: Mention[],
  text: string,
): { subject: Subject; last: number } | null {
  const n1 = toks[v + 1];
  if (!n1) return null;
  // "in his view", "in their opinion"
  if (/^(?:his|her|their)$/.test(n1.lower) && VIEW_NOUN.test(toks[v + 2]?.lower ?? '')) {
    const pronoun = n1.lower === 'his' ? 'he' : n1.lower === 'her' ? 'she' : 'they';
    return {
      subject: { ...pronounSubject(n1), pronoun, person: pronoun !== 'they' },
      last: v + 2,
    };
  }
  // "in the view of the Kremlin"
  if (n1.lower === 'the' && VIEW_NOUN.test(toks[v + 2]?.lower ?? '') && toks[v + 3]?.lower === 'of') {
    const m = mentionAfter(toks, v + 4, mentions);
    const subject = m ? subjectFromMentionLoose(m, mentions, text) : null;
    if (!subject || !m) return null;
    const last = toks.findIndex((k) => k.start >= m.end);
    return { subject, last: (last > 0 ? last : toks.length) - 1 };
  }
  // "in Russia's view", "in the Kremlin's assessment"
  const m = mentions.find((x) => x.possessive && x.start >= n1.start && x.start <= n1.end + 5);
  if (!m?.side) return null;
  const noun = toks.findIndex((k) => k.start >= m.end && k.start <= m.end + 4 && VIEW_NOUN.test(k.lower));
  if (noun < 0) return null;
  return { subject: mentionSubject(m), last: noun };
}

/** A clause in the indicative after a verb: "(suggested) that the talks were going nowhere", "(…) Kyiv would lose". */
const INDICATIVE_AFTER =
  /^\s+(?:that\s+)?(?:[\w'’-]+\s+){1,5}?(?:is|are|was|were|had|has|have|would|will|could|might|may)\s+(?!be\s+(?:held|made|given|allowed|set up|created|established|opened|sent)\b)/i;

/** Verbs that do not make an act of their own: being, having, seeming, auxiliaries. */
const NOT_AN_ACT =
  /^(?:be|have|do|will|would|can|could|may|might|shall|should|must|seem|appear|become|remain|get|let|need|include|mean|lie|know|wish)$/;

/**
 * A finite main verb whose subject is a side, outside quotations ("Putin sent a lower-level
 * group to Istanbul", "Zelenskyy himself will not take part in the talks", "He gave the meeting
 * ten out of ten"): an act of that side, a statement claim when it names a topic.
 */
function actOf(
  unit: Unit,
  mentions: Mention[],
  text: string,
  v: number,
  inQuote: (p: number) => boolean,
): Draft | null {
  const toks = unit.tokens;
  const t = toks[v];
  if (t?.pos !== 'VERB' || inQuote(t.start) || NOT_AN_ACT.test(t.lemma)) return null;
  const prev = toks[v - 1];
  if (!prev || prev.lower === 'to' || prev.pos === 'DET' || prev.pos === 'ADP') return null;
  // Participles are not finite unless an auxiliary carries them ("has sent", "will take").
  if (/ing$/.test(t.lower) && !/^(?:is|are|was|were|be|been|am|['’]s|['’]re)$/.test(prev.lower)) return null;
  if (
    /ed$/.test(t.lower) &&
    (prev.pos === 'NOUN' || prev.pos === 'PROPN') &&
    !mentionAt(mentions, prev.start, prev.end)
  )
    return null;
  if (/^(?:is|are|was|were|been|be|being)$/.test(prev.lower) && isPastForm(t)) return null; // a passive: the subject is acted on
  const { subject, at } = leftSubject(unit, mentions, text, v);
  if (
    !subject ||
    subject.kind === 'plural' ||
    subject.pronoun === 'it' ||
    subject.pronoun === 'i' ||
    subject.pronoun === 'we'
  )
    return null;
  // Not taking part: "did not turn up to the talks", "will not send a delegation" is a refusal.
  const negated = toks
    .slice(Math.max(0, v - 3), v)
    .some((k) => k.lower === 'not' || k.lower === "n't" || k.lower === 'never');
  if (negated && PARTICIPATE.test(t.lemma)) {
    const next = toks[v + 1]?.lower ?? '';
    // "would not go into what was agreed", "did not come up": going into a subject is discussing it, not going.
    const notGoing =
      (t.lemma === 'go' && /^(?:into|over|on|through)$/.test(next)) || (t.lemma === 'come' && next === 'up');
    if (
      !notGoing &&
      (t.lemma !== 'turn' && t.lemma !== 'show' && t.lemma !== 'take' ? true : next === 'up' || next === 'part')
    ) {
      return {
        tok: v,
        last: v,
        kind: 'stance',
        cue: { kind: 'stance', stance: 'acceptance' },
        subject,
        at,
        absorbed: false,
        passive: false,
      };
    }
  }
  return {
    tok: v,
    last: v,
    kind: 'act',
    cue: { kind: 'stance', stance: 'statement' },
    subject,
    at,
    absorbed: false,
    passive: false,
  };
}

/** Stance nouns whose owner took the stance: "Russia's demands", "the Trump plan", "an offer from Kyiv". */
/** The end of the words before a subject that make its clause a yes-or-no question ("not say whether X …"). */
const EMBEDDED_QUESTION =
  /\b(?:whether|(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)\s+if|(?:not|never|declined to|refused to)\s+(?:[\w'’-]+\s+){0,2}?(?:say|disclose|reveal|discuss|go into|elaborate on|detail|specify|comment on|explain)\s+(?:what|how|which|when|where|who))\s+(?:[\w'’-]+\s+(?:and\s+)?)?$/;

const OWNED_NOUNS = wordTable<Stance>({
  demand: 'demand',
  demands: 'demand',
  conditions: 'demand',
  preconditions: 'demand',
  ultimatum: 'demand',
  proposal: 'proposal',
  proposals: 'proposal',
  plan: 'proposal',
  initiative: 'proposal',
  idea: 'proposal',
  invitation: 'proposal',
  formula: 'proposal',
  framework: 'proposal',
  roadmap: 'proposal',
  offer: 'offer',
  offers: 'offer',
  refusal: 'rejection',
  readiness: 'offer',
  willingness: 'offer',
});

/**
 * A stance word the tagger read as a plural noun that is the verb of the mention before it: "Russia demands that …",
 * "Zelensky offers a truce" (a noun would not take "that", an article or a name next).
 */
function presentVerbAfterSubject(toks: Token[], v: number, mentions: Mention[]): boolean {
  const t = toks[v] as Token;
  const prev = toks[v - 1];
  const next = toks[v + 1];
  if (!prev || !next || !/s$/.test(t.lower)) return false;
  const subject = mentions.find((m) => m.end === prev.end);
  if (!subject || subject.possessive || subject.kind === 'adjective') return false;
  return (
    next.lower === 'that' ||
    /^(?:a|an|the|its|their|his|her)$/.test(next.lower) ||
    mentions.some((m) => m.start === next.start)
  );
}

/** The owner of a stance noun: a possessive or attributive mention before it, or "from/by X" after it. */
function ownerOf(toks: Token[], v: number, mentions: Mention[], text: string): Subject | null {
  const t = toks[v] as Token;
  // Before: "Russia's (new) demands", "the US (peace) proposal", "Trump's 28-point plan", "the Kremlin's offer".
  let j = v - 1;
  while (
    j >= 0 &&
    j >= v - 4 &&
    (toks[j]?.pos === 'ADJ' ||
      toks[j]?.pos === 'NUM' ||
      (toks[j]?.pos === 'NOUN' && toks[j]?.lower !== 'side') ||
      toks[j]?.text === '-')
  )
    j--;
  const prev = toks[j];
  if (prev) {
    const m = mentions.find((x) => x.end >= prev.start && x.end <= prev.end + 3 && x.end <= t.start);
    // "Russian and Ukrainian demands": several owners named together are a description, not one side's stance.
    const coordinated = m !== undefined && /\b(?:and|or)\s+$/.test(text.slice(Math.max(0, m.start - 5), m.start));
    if (
      m?.side &&
      !coordinated &&
      (m.possessive || m.kind === 'adjective' || m.kind === 'side' || m.kind === 'actor' || m.kind === 'title')
    ) {
      const gap = text.slice(m.end, t.start);
      if (/^(?:['’]s?)?(?:\s+[\w’'-]+){0,3}\s+$/.test(gap) || /^['’]s?\s+$/.test(gap)) {
        return mentionSubject(m);
      }
    }
  }
  // After: "an invitation from Putin", "a proposal by Kyiv", "the offer made by Russia", "the invitation, which
  // originated with Mnuchin".
  const after = text.slice(t.end, t.end + 60);
  const p =
    /^(?:\s*,\s*(?:which|that)\s+(?:had\s+|has\s+)?(?:been\s+|was\s+|were\s+)?(?:first\s+)?(?:originated|came|made|put forward|presented|issued|tabled|extended|sent|floated|proposed|drawn up)\s+(?:with|from|by)|\s+(?:(?:first\s+)?(?:made|put forward|presented|issued|tabled|extended|sent|floated|proposed|drawn up)\s+)?(?:from|by|of))\s+(?:the\s+)?/.exec(
      after,
    );
  if (p) {
    const at = t.end + p[0].length;
    const m = mentions.find((x) => x.start === at || (x.start > t.end && x.start <= at + 1));
    // "the idea of Ukraine joining NATO": a side that does what a gerund says is the content, not the owner.
    const ofContent = m !== undefined && /\bof\s+(?:the\s+)?$/.test(p[0]) && /^\s+[a-z]+ing\b/.test(text.slice(m.end));
    if (m?.side && !m.possessive && m.kind !== 'adjective' && !ofContent) return mentionSubject(m);
  }
  return null;
}

/**
 * Role words that may stand before a name without being part of any mention: "Foreign Minister", "spokesman", "Deputy
 * Prime Minister".
 */
const ROLE_WORD =
  /^(?:foreign|defen[cs]e|deputy|prime|vice|first|chief|top|senior|special|presidential|press|minister|ministry|president|secretary|spokesman|spokeswoman|spokesperson|envoy|ambassador|adviser|advisor|aide|negotiator|chancellor|premier|leader|representative|commissioner|general|state|of|the|mr|mrs|ms|dr)\.?$/i;

/** The mention starting at token `i`, or after a few role words ("according to Foreign Minister Dmytro Kuleba"). */
function mentionAfter(toks: Token[], i: number, mentions: Mention[]): Mention | undefined {
  for (let j = i; j < Math.min(toks.length, i + 6); j++) {
    const k = toks[j] as Token;
    const m = mentionAt(mentions, k.start, k.end);
    if (m) return m.start === k.start || j > i ? m : undefined;
    if (!ROLE_WORD.test(k.text)) return undefined;
  }
  return undefined;
}

/**
 * A subject mention after a preposition ("according to Peskov", "by the United States"), where a place check does not
 * apply.
 */
function subjectFromMentionLoose(m: Mention, mentions: Mention[], text: string): Subject | null {
  if (m.possessive || m.kind === 'adjective') return null;
  if (m.kind === 'group') return groupSubject(m);
  // "by the United States, Russia and Ukraine": a list after the preposition, closed by "and" ("According to
  // Peskov, Russia is …" is a reporter and the subject of the words reported).
  let list: Mention[] = [m];
  let edge = m.end;
  let closed = { length: 1, edge: m.end };
  for (let k = mentions.indexOf(m) + 1; k < mentions.length; k++) {
    const x = mentions[k];
    const gap = x ? text.slice(edge, x.start) : '';
    if (!x || !/^\s*(?:,\s*|,?\s*and\s+)(?:the\s+)?$/.test(gap)) break;
    list.push(x);
    edge = x.end;
    if (/\band\s/.test(gap)) closed = { length: list.length, edge };
  }
  list = list.slice(0, closed.length);
  edge = closed.edge;
  if (list.length > 1) {
    return {
      kind: 'plural',
      start: m.start,
      end: edge,
      text: text.slice(m.start, edge),
      actor: null,
      side: null,
      sides: [...new Set(list.flatMap((x) => (x.side ? [x.side] : x.sides)))],
      person: false,
      pronoun: null,
      members: list.map((x) => ({ actor: x.actor, side: x.side, person: x.person })),
    };
  }
  return mentionSubject(m);
}
