import type { Stance } from '@claims/events';
import type { Mention } from '@claims/profile';
import { CLAUSE_BREAK, CONDITIONAL, IRREGULAR_PAST, MONTHS, SKIPPABLE, STANCE_ADJECTIVES, STANCE_NOUNS, VERBS, type VerbCue, WEEKDAYS } from './lexicon.ts';
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

/** A verb of saying or of stance, with its subject and its place in the sentence. */
export interface Anchor {
  index: number;
  tok: number;
  verbStart: number;
  verbEnd: number;
  lemma: string;
  cue: VerbCue;
  stance: Stance;
  subject: Subject | null;
  negated: boolean;
  /** A reporter that follows its words: `"…," Zelenskiy said`, `…, Ukrainian officials said.`, `X, he said, …`. */
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
  /** End of the words the anchor governs (next clause's subject, a clause break, or the unit end). */
  scopeEnd: number;
  insideQuote: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'i', 'we', 'they', 'it']);
/** Who may speak from a place: "officials in Kyiv said" (but not "protesters in Kyiv"). */
const PLACED_SPEAKERS = /\b(?:officials?|sources?|diplomats?|authorities|government|leaders?|leadership|negotiators?|delegations?|ministry|embassy|spokes\w+|envoys?|ambassadors?)\s+(?:in|at|from)\s+(?:the\s+)?$/i;
const POSSESSIVE_NP = new Set(['country', 'government', 'side', 'delegation', 'team', 'leadership', 'administration', 'negotiators', 'officials']);
const OFFICE_NP = new Set(['office', 'service', 'administration', 'spokesman', 'spokeswoman', 'spokesperson', 'camp', 'team', 'aides']);
const PLURAL_NP = new Set(['sides', 'countries', 'parties', 'nations', 'delegations', 'negotiators', 'leaders']);
const QUOTE = /^["“”«»]$/;
const DOCUMENT_NOUNS = /^(?:memorandum|memorandums|document|documents|statement|proposal|proposals|plan|letter|resolution|draft|declaration|communiqu[eé]|paper|note|roadmap|framework)$/;

/** Mentions that touch (title + name, or name, appositive) merge into one: the named actor wins. */
export function mergeMentions(mentions: Mention[], text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, m.start) : '';
    if (prev && !prev.possessive && m.kind !== 'adjective' && prev.kind !== 'adjective' && /^(?:\s|,\s(?:the |a |an )?|\s(?:Mr\.?|Ms\.?|Mrs\.?)\s)?$/.test(gap) && (prev.side === m.side || !prev.side || !m.side)) {
      const named = m.kind === 'actor' && m.actor ? m : prev.kind === 'actor' && prev.actor ? prev : prev.actor ? prev : m;
      out[out.length - 1] = { ...named, start: prev.start, end: m.end, text: text.slice(prev.start, m.end), possessive: m.possessive, person: prev.person || m.person };
      continue;
    }
    out.push(m);
  }
  return out;
}

function isPast(tokens: Token[], v: number): boolean {
  const t = tokens[v];
  if (!t) return false;
  for (let i = v - 1; i >= Math.max(0, v - 3); i--) {
    const w = tokens[i]?.lower ?? '';
    if (w === 'has' || w === 'have' || w === 'had' || w === 'is' || w === 'are' || w === "'s") return false;
  }
  return IRREGULAR_PAST.has(t.lower) || /ed$/.test(t.lower);
}

const BE = /^(?:is|are|was|were|be|been|being|am|['’]s|['’]re|remains?|remained|stays?|stayed|stands?|stood|appears?|appeared|seems?|seemed|looks?|looked)$/;
const NOT_A_STANCE = /^(?:comment|say|confirm|disclose|elaborate|specify|answer|reveal|name|give|discuss|detail|respond|speculate|identify)$/;

function verbCue(tokens: Token[], v: number): VerbCue | null {
  const t = tokens[v];
  if (!t) return null;
  // "is ready to", "remained open to", "are prepared for": a stance carried by an adjective after "be".
  const adjective = STANCE_ADJECTIVES[t.lower];
  if (adjective) {
    const next = tokens[v + 1]?.lower ?? '';
    if (next !== 'to' && next !== 'for') return null;
    // "ready to accept", "willing to agree": an acceptance.
    const stance = next === 'to' && /^(?:accept|agree|support|back|endorse|sign|approve)$/.test(tokens[v + 2]?.lower ?? '') ? 'acceptance' : adjective;
    for (let i = v - 1; i >= Math.max(0, v - 4); i--) {
      const w = tokens[i];
      if (!w) break;
      if (BE.test(w.lower)) return { kind: 'stance', stance };
      if (w.pos !== 'ADV' && w.pos !== 'PART' && w.lower !== 'not' && w.lower !== "n't") break;
    }
    return null;
  }
  if (!/^(?:VERB|AUX|NOUN|ADJ|PROPN)$/.test(t.pos) && !VERBS.has(t.lemma)) return null;
  if (t.pos !== 'VERB' && t.pos !== 'AUX' && !/(?:ed|s|ing)$/.test(t.lower) && !IRREGULAR_PAST.has(t.lower)) return null;
  const next = tokens[v + 1]?.lower ?? '';
  const lemma = t.lemma === 'signalled' || t.lemma === 'signaled' ? 'signal' : t.lemma;
  // "made an offer", "made clear that": a stance or a report; "made no sense", "made progress": neither.
  if (lemma === 'make' && next !== 'clear' && !tokens.slice(v + 1, v + 5).some((k) => STANCE_NOUNS[k.lower])) return null;
  if (lemma === 'rule') return next === 'out' ? { kind: 'stance', stance: 'rejection' } : null;
  if (lemma === 'insist') return next === 'on' || next === 'upon' ? { kind: 'stance', stance: 'demand' } : { kind: 'report', stance: 'statement' };
  // "declined to comment", "refused to say": no stance at all.
  if ((lemma === 'decline' || lemma === 'refuse') && next === 'to' && NOT_A_STANCE.test(tokens[v + 2]?.lower ?? '')) return null;
  if (lemma === 'call') return next === 'for' || next === 'on' ? { kind: 'stance', stance: 'demand' } : { kind: 'report', stance: 'statement' };
  if (lemma === 'give') {
    const ahead = tokens.slice(v + 1, v + 6).map((k) => k.lower).join(' ');
    return /\b\d[\d,]* (?:days|weeks|hours|months)\b|\bdeadline\b|\bultimatum\b/.test(ahead) ? { kind: 'stance', stance: 'demand' } : null;
  }
  if (lemma === 'push' || lemma === 'press') {
    return next === 'for' || /^[A-Z]/.test(tokens[v + 1]?.text ?? '') || (tokens[v + 1]?.pos ?? '') === 'PROPN' || next === 'ahead' ? { kind: 'stance', stance: 'demand' } : null;
  }
  if (lemma === 'play' || lemma === 'dial') return next === 'down' || next === 'back' ? { kind: 'report', stance: 'statement' } : null;
  if (lemma === 'put' || lemma === 'lay' || lemma === 'set') return next === 'forward' || next === 'out' ? { kind: 'present', stance: 'statement' } : null;
  if (lemma === 'back' && t.pos !== 'VERB') return null;
  // "sought to downplay", "wants to stress": the stance is that of the verb they govern.
  if ((lemma === 'seek' || lemma === 'want' || lemma === 'try') && next === 'to') {
    const inner = tokens[v + 2];
    const innerCue = inner ? VERBS.get(inner.lemma) : undefined;
    if (innerCue?.kind === 'report') return innerCue;
  }
  return VERBS.get(lemma) ?? null;
}

/** The stance noun right after a verb: "an offer", "his willingness", "the idea", "demands". */
function stanceNoun(tokens: Token[], v: number): Anchor['noun'] {
  for (let i = v + 1; i < Math.min(tokens.length, v + 5); i++) {
    const t = tokens[i];
    if (!t) break;
    const stance = STANCE_NOUNS[t.lower];
    if (stance) {
      const before = tokens.slice(v + 1, i).map((k) => k.lower);
      const anaphoric = before.some((w) => /^(?:the|that|this|these|those|such)$/.test(w));
      return { stance, anaphoric, start: t.start, end: t.end };
    }
    if (t.pos === 'VERB' || t.text === ',' || t.text === '.') break;
  }
  return null;
}

function mentionAt(mentions: Mention[], start: number, end: number): Mention | undefined {
  return mentions.find((m) => m.start <= start && m.end >= end);
}

function subjectFromMention(m: Mention, mentions: Mention[], text: string): Subject | null {
  if (m.possessive || m.kind === 'adjective') return null;
  // A place, not a speaker: "protesters in Kyiv accused …" (but "officials in Kyiv said").
  const lead = text.slice(Math.max(0, m.start - 60), m.start);
  if (/\b(?:in|at|from|near|outside|inside|across|around)\s+(?:the\s+)?$/i.test(lead) && !PLACED_SPEAKERS.test(lead)) return null;
  // "Russia and Ukraine", "Putin and Zelenskiy": a plural subject.
  // "Russia and Ukraine", "the leaders of Russia, Ukraine, Germany and France": walk back along the list.
  const before: Mention[] = [];
  let head = m;
  for (let k = mentions.indexOf(m) - 1; k >= 0; k--) {
    const x = mentions[k];
    if (!x || !/^\s*(?:,\s*|,?\s*and\s+)(?:the\s+)?$/.test(text.slice(x.end, head.start))) break;
    before.unshift(x);
    head = x;
  }
  if (before.length > 0 && /\band\s+(?:the\s+)?$/.test(text.slice(before[before.length - 1]?.end ?? 0, m.start))) {
    const all = [...before, m];
    return { kind: 'plural', start: all[0]?.start ?? m.start, end: m.end, text: text.slice(all[0]?.start ?? m.start, m.end), actor: null, side: null, sides: [...new Set(all.flatMap((x) => (x.side ? [x.side] : x.sides)))], person: false, pronoun: null, members: all.map((x) => ({ actor: x.actor, side: x.side, person: x.person })) };
  }
  if (m.kind === 'group') return { kind: 'plural', start: m.start, end: m.end, text: m.text, actor: null, side: null, sides: m.sides, person: false, pronoun: null };
  return { kind: 'mention', start: m.start, end: m.end, text: m.text, actor: m.actor, side: m.side, sides: [], person: m.person, pronoun: null };
}

/** Scans left from the verb over adverbs, auxiliaries, time phrases and appositives to its subject. */
function leftSubject(unit: Unit, mentions: Mention[], text: string, v: number): { subject: Subject | null; at: number } {
  const toks = unit.tokens;
  let i = v - 1;
  let skipped = 0;
  while (i >= 0 && skipped < 10) {
    const t = toks[i];
    if (!t) break;
    if (mentionAt(mentions, t.start, t.end)) break;
    if (SKIPPABLE.has(t.lower) || t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART' || WEEKDAYS.test(t.lower) || MONTHS.test(t.lower) || /^\d/.test(t.text)) {
      i--;
      skipped++;
      continue;
    }
    if (t.text === ',') {
      // An appositive or parenthetical between commas: ", the Kremlin spokesperson,", ", which denies …,", ", he said,".
      let j = i - 1;
      while (j >= 0 && j > i - 16 && toks[j]?.text !== ',') j--;
      if (j < 0 || toks[j]?.text !== ',') break;
      const seg = toks.slice(j + 1, i);
      const first = seg[0]?.lower ?? '';
      const hasVerb = seg.some((k) => k.pos === 'VERB');
      const parenthetical = seg.length <= 3 && PRONOUNS.has(first);
      if (!hasVerb || first === 'which' || first === 'who' || parenthetical) {
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
  // "Russia, which denies …": the relative pronoun stands for the mention before it.
  if ((t.lower === 'which' || t.lower === 'who') && toks[i - 1]?.text === ',' && toks[i - 2]) {
    t = toks[i - 2] as Token;
  }
  const m = mentionAt(mentions, t.start, t.end);
  if (m) return { subject: subjectFromMention(m, mentions, text), at: i };
  if (PRONOUNS.has(t.lower) && (t.pos === 'PRON' || t.lower === 'i')) {
    const plural = t.lower === 'they';
    return { subject: { kind: plural ? 'plural' : 'pronoun', start: t.start, end: t.end, text: t.text, actor: null, side: null, sides: [], person: !plural, pronoun: t.lower }, at: i };
  }
  const prev = toks[i - 1];
  // "Poroshenko's office said", "the Kremlin's press service said", "Russia's memorandum demands": the owner speaks
  // (not in the passive: "Russia's proposal was rejected").
  const passive = /^(?:is|are|was|were|been|be|being)$/.test(toks[v - 1]?.lower ?? '');
  if ((OFFICE_NP.has(t.lower) || (DOCUMENT_NOUNS.test(t.lower) && !passive)) && prev) {
    const owner = mentions.find((x) => x.possessive && x.end <= t.start && x.end >= (toks[i - 3]?.start ?? 0) && /^['’]s?\s+(?:press\s+)?$/.test(text.slice(x.end, t.start)));
    if (owner?.side) return { subject: { kind: 'mention', start: owner.start, end: t.end, text: text.slice(owner.start, t.end), actor: owner.actor, side: owner.side, sides: [], person: owner.person, pronoun: null }, at: i };
  }
  if (POSSESSIVE_NP.has(t.lower) && prev && /^(?:his|her|its|their|our|my)$/.test(prev.lower)) {
    return { subject: { kind: 'possessive', start: prev.start, end: t.end, text: text.slice(prev.start, t.end), actor: null, side: null, sides: [], person: false, pronoun: prev.lower }, at: i };
  }
  if (PLURAL_NP.has(t.lower) && prev && /^(?:both|two|the|all)$/.test(prev.lower)) {
    // "Russian and Ukrainian negotiators": the sides are the adjectives before the noun.
    const sides = mentions.filter((x) => x.kind === 'adjective' && x.end <= t.start && x.start >= (toks[i - 6]?.start ?? 0)).map((x) => x.side ?? '');
    return { subject: { kind: 'plural', start: prev.start, end: t.end, text: text.slice(prev.start, t.end), actor: null, side: null, sides: sides.filter(Boolean), person: false, pronoun: null }, at: i };
  }
  if (PLURAL_NP.has(t.lower)) {
    const adj = mentions.filter((x) => x.kind === 'adjective' && x.end <= t.start && x.start >= (toks[i - 6]?.start ?? 0));
    if (adj.length >= 2) return { subject: { kind: 'plural', start: adj[0]?.start ?? t.start, end: t.end, text: t.text, actor: null, side: null, sides: adj.map((x) => x.side ?? '').filter(Boolean), person: false, pronoun: null }, at: i };
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

/** Finds the anchors of one unit, their subjects, and which reporter each one's words belong to. */
export function findAnchors(unit: Unit, mentions: Mention[], text: string): Anchor[] {
  const toks = unit.tokens;
  const quotes = quoteRanges(text, unit.start, unit.end);
  const inQuote = (pos: number) => quotes.some(([a, b]) => pos > a && pos < b);
  const anchors: Anchor[] = [];
  for (let v = 0; v < toks.length; v++) {
    const t = toks[v];
    if (!t) continue;
    // "…, according to Peskov." / "According to the Kremlin, …": a reporter whose subject follows.
    if (t.lower === 'according' && toks[v + 1]?.lower === 'to') {
      const to = toks[v + 1] as Token;
      const nt = toks[v + 2];
      const m = nt ? mentionAt(mentions, nt.start, nt.end) : undefined;
      const subject = m && m.start === nt?.start ? subjectFromMention(m, mentions, text) : null;
      if (subject && !inQuote(t.start)) {
        anchors.push({
          index: anchors.length,
          tok: v,
          verbStart: t.start,
          verbEnd: to.end,
          lemma: 'say',
          cue: { kind: 'report', stance: 'statement' },
          stance: 'statement',
          subject,
          negated: false,
          trailing: v > 0 && /,\s*$/.test(text.slice(unit.start, t.start)),
          parent: null,
          subordinate: false,
          conditional: false,
          absorbed: false,
          pastSimple: false,
          noun: null,
          scopeEnd: unit.end,
          insideQuote: false,
        });
      }
      continue;
    }
    const cue = verbCue(toks, v);
    if (!cue) continue;
    const prevTok = toks[v - 1];
    if (prevTok?.lower === 'to') continue; // an infinitive ("agree to relaunch"): governed by the verb before
    if (mentionAt(mentions, t.start, t.end)) continue;
    const prevAnchor = anchors[anchors.length - 1];
    let { subject, at } = leftSubject(unit, mentions, text, v);
    const leftTok = toks[at];
    let absorbed = false;
    // A participle after a comma or a preposition shares the subject of the clause ("…, saying", "before rejecting").
    if (!subject && /ing$/.test(t.lower) && leftTok && /^(?:,|before|after|while|by|without|when)$/.test(leftTok.lower)) {
      if (prevAnchor?.subject && leftTok.text === ',') {
        subject = prevAnchor.subject;
        absorbed = prevAnchor.cue.kind !== 'report' || prevAnchor.noun !== null || cue.kind === 'report';
      } else {
        const first = mentions.find((m) => m.start >= unit.start && m.start <= (toks[2]?.start ?? unit.start));
        if (first) subject = subjectFromMention(first, mentions, text);
        else if (prevAnchor?.subject) subject = prevAnchor.subject;
      }
    }
    // A document that speaks for its author: "Ukraine handed Russia a memorandum calling for …".
    if (!subject && /ing$/.test(t.lower) && leftTok && DOCUMENT_NOUNS.test(leftTok.lower)) {
      const first = mentions.find((m) => m.start >= unit.start && m.start <= (toks[2]?.start ?? unit.start));
      if (first) subject = subjectFromMention(first, mentions, text);
    }
    // Coordinated verbs share the subject: "agreed to … and proposed", "told reporters … but added".
    if (!subject && leftTok && /^(?:and|but)$/.test(leftTok.lower) && prevAnchor?.subject) {
      const between = toks.slice(prevAnchor.tok + 1, v);
      const infinitive = between.some((k, i) => k.lower === 'to' && (between[i + 1]?.pos === 'VERB' || between[i + 1]?.pos === 'AUX'));
      // "agreed to stop strikes … but rejected": "but" joins main clauses; "and" may join the infinitive's verbs,
      // unless the verb is in the past like the main one ("called on them to lay down arms and offered …").
      const pastLikeMain = (/ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower)) && (/ed$/.test(toks[prevAnchor.tok]?.lower ?? '') || IRREGULAR_PAST.has(toks[prevAnchor.tok]?.lower ?? ''));
      if (!infinitive || leftTok.lower === 'but' || pastLikeMain) subject = prevAnchor.subject;
    }
    // Inverted attribution after a quote: `," said a French diplomatic source`.
    if (!subject && leftTok && (QUOTE.test(leftTok.text) || leftTok.text === ',')) {
      const next = toks[v + 1];
      const m = next ? mentionAt(mentions, next.start, next.end) : undefined;
      if (m && m.start === next?.start) subject = subjectFromMention(m, mentions, text);
      else if (next && PRONOUNS.has(next.lower)) subject = { kind: 'pronoun', start: next.start, end: next.end, text: next.text, actor: null, side: null, sides: [], person: true, pronoun: next.lower };
    }
    if (!subject) continue;
    // "it" in a quote is a thing ("it requires effort"), not the speaker.
    if (subject.pronoun === 'it' && inQuote(t.start)) continue;
    const negated = toks.slice(Math.max(0, v - 3), v).some((k) => k.lower === 'not' || k.lower === "n't" || k.lower === 'never');
    const before = text.slice(unit.start, subject.start);
    const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf('–'), before.lastIndexOf(';'));
    const sinceClause = before.slice(clauseStart + 1);
    const subordinate = /\b(?:after|before|because|since|when|as|although|though)\s+(?:[\w'’-]+\s+){0,3}$/i.test(sinceClause);
    const conditional = CONDITIONAL.test(before.replace(/\s*(?:\S+\s+){0,3}$/, (s) => s)) || /\b(?:unless|if|whether|until)\b[^,]*$/i.test(before.slice(Math.max(0, before.length - 80)));
    const pastAt = /ing$/.test(t.lower) ? toks.findIndex((k, i) => i > at && i < v && (k.pos === 'VERB' || k.pos === 'AUX')) : v;
    const trailingTok = toks[at - 1] ?? toks[at];
    const afterSubjectPrev = text.slice(unit.start, subject.start).trimEnd();
    const trailing =
      cue.kind === 'report' &&
      subject.start > unit.start &&
      (/[,"”»]$/.test(afterSubjectPrev) || (leftTok !== undefined && QUOTE.test(leftTok.text))) &&
      !inQuote(t.start) &&
      trailingTok !== undefined;
    anchors.push({
      index: anchors.length,
      tok: v,
      verbStart: t.start,
      verbEnd: t.end,
      lemma: t.lemma,
      cue,
      stance: cue.stance,
      subject,
      negated,
      trailing,
      parent: null,
      subordinate,
      conditional,
      absorbed,
      pastSimple: pastAt >= 0 ? isPast(toks, pastAt) : false,
      noun: t.lemma !== 'call' && t.lemma !== 'say' && t.lemma !== 'tell' ? stanceNoun(toks, v) : null,
      scopeEnd: unit.end,
      insideQuote: inQuote(t.start),
    });
  }
  // A trailing reporter must close the sentence (or sit between commas); otherwise it opens a clause.
  for (const a of anchors) {
    if (!a.trailing) continue;
    const later = anchors.filter((b) => b.index > a.index && b.subject !== a.subject && !b.insideQuote);
    const afterText = text.slice(a.verbEnd, unit.end);
    if (later.length > 0 && !/^[^,]*,/.test(afterText)) a.trailing = false;
    if (/^\s*(?:to|that)\b/.test(afterText) || /^\s*:/.test(afterText)) a.trailing = false;
  }
  // Scopes: each anchor governs up to the subject of the next anchor with another subject.
  for (const a of anchors) {
    // "According to X, …" and inverted "…, said X": the words governed run to the end of the unit.
    if (a.subject && a.subject.start >= a.verbEnd && a.cue.kind === 'report') continue;
    const next = anchors.find((b) => b.index > a.index && b.subject && b.subject !== a.subject && b.subject.start > a.verbEnd);
    a.scopeEnd = next?.subject ? Math.min(unit.end, next.subject.start) : unit.end;
    // A coordinated verb of the same subject starts a clause of its own: "agreed to X and proposed Y".
    const sibling = anchors.find((b) => b.index > a.index && b.subject === a.subject && b.verbStart > a.verbEnd && b.verbStart < a.scopeEnd);
    if (sibling) {
      const gap = text.slice(a.verbEnd, sibling.verbStart);
      const m = /(?:,\s*|\s)(?:and|but|while|whilst)?\s*(?:(?:also|then|once again|again)\s+)?$/.exec(gap);
      a.scopeEnd = a.verbEnd + (m ? m.index : gap.length);
    }
  }
  // Parents: the trailing reporter, else the nearest reporter before with no clause break in between.
  const trailing = anchors.find((a) => a.trailing);
  for (const a of anchors) {
    if (a === trailing) continue;
    for (let k = a.index - 1; k >= 0; k--) {
      const r = anchors[k];
      if (r?.cue.kind !== 'report' || r.trailing) continue;
      const between = text.slice(r.verbEnd, a.subject && a.subject.start > r.verbEnd ? a.subject.start : a.verbStart);
      CLAUSE_BREAK.lastIndex = 0;
      const quoted = a.insideQuote && !r.insideQuote;
      if ((!CLAUSE_BREAK.test(between) || quoted) && !/\b(?:after|before|because|although|though|unless)\s/.test(between) && a.subject !== r.subject) a.parent = r;
      break;
    }
    if (!a.parent && trailing) a.parent = trailing;
  }
  return anchors;
}
