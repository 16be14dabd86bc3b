import type { AgreementReportedData } from '@claims/events';
import type { Mention, Profile } from '@claims/profile';
import type { Anchor } from './attribution.ts';
import type { Speaker } from './extract.ts';
import { parseQuantities } from './quantities.ts';
import { meetingTopicsOf, type TopicHit } from './topics.ts';
import type { Unit } from './units.ts';

export interface AgreementContext {
  unit: Unit;
  text: string;
  mentions: Mention[];
  anchors: Anchor[];
  profile: Profile;
  topicsIn(from: number, to: number): TopicHit[];
  reporter: Speaker | null;
  madeOn: string | null;
  publishedAt: string | null;
  push(data: Omit<AgreementReportedData, 'source' | 'quote' | 'span' | 'extractor' | 'confidence'>, confidence: number, features?: string[]): void;
  already(): boolean;
  /** The unit states terms of a deal just reached (see `statesTerms`): the whole unit is its terms. */
  terms?: boolean;
}

/** A deal reached, announced or released in this unit: later units may list its terms. */
const DEAL_NEWS =
  /\b(?:deal|agreement|accord|text|pact|truce|arrangement|understanding)\b[^.;]{0,60}\b(?:reached|struck|announced|unveiled|signed|confirmed|agreed|clinched|released|published|sealed|finali[sz]ed)\b|\b(?:reached|struck|announced|unveiled|signed|confirmed|clinched|released|published|sealed|finali[sz]ed)\b[^.;]{0,40}\b(?:deal|agreement|accord|text|pact|truce|arrangement|understanding)\b/i;
export const reportsDeal = (unitText: string): boolean => DEAL_NEWS.test(unitText);

/** An obligation or a provision: what a deal's terms say ("China will buy …", "tariffs would be cut", "1. …", "it covers …"). */
const PROVISION =
  /\b(?:will|would|shall|is to|are to|agreed to|committed to|commits to|pledged to|undertakes? to)\s+(?:also\s+|not\s+|further\s+|gradually\s+)?(?:be\s+)?[a-z]+|\b(?:includes?|included|covers?|covered|provides? for|calls? for|envisages?|stipulates?|contains?)\b|^\s*(?:\d+[.)]|\(\d+\)|[-•*])\s/i;

/**
 * Whether a unit in the wake of a reported deal states one of its terms: a provision in the
 * journalist's or a negotiator's words, not a side taking a stance of its own.
 */
export function statesTerms(unitText: string, anchors: Anchor[]): boolean {
  if (!PROVISION.test(unitText)) return false;
  return !anchors.some((a) => !a.parent && a.kind === 'stance' && a.cue.kind === 'stance' && a.subject?.kind === 'mention' && a.stance !== 'acceptance' && a.stance !== 'offer');
}

const AGREE_LEMMAS = /^(?:agree|sign|reach|strike|conclude|settle|seal|clinch|finalise|finalize)$/;
const DEAL_NOUN = String.raw`(?:agreements?|deals?|accords?|understandings?|truce|ceasefire|cease-fire|arrangements?|consensus|memorandum|protocol|framework|compromise|pact|treaty)`;
/** "reached an agreement on …", "struck a deal to …", "signed a ceasefire agreement", "arrived at a shared understanding". */
const REACHED = new RegExp(
  String.raw`\b(?:reached|reach|struck|strike|signed|sign|clinched|concluded|sealed|hammered out|finalis[ei]d|finaliz[ei]d|arrived at|secured|agreed|agreed on|agreed upon|worked out)\s+(?:on\s+)?(?:an?\s+|the\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?${DEAL_NOUN}\b`,
  'i',
);
/** "an agreement was reached", "a deal has been struck", "a provisional accord had been agreed". */
const PASSIVE_REACHED = new RegExp(
  String.raw`\b${DEAL_NOUN}\s+(?:[\w'’-]+\s+){0,6}?(?:was|were|has been|have been|had been|is|had)\s+(?:now\s+|finally\s+|also\s+)?(?:reached|struck|signed|agreed|clinched|concluded|sealed|finalis[ei]d|finaliz[ei]d|worked out|hammered out)\b`,
  'i',
);
/** The terms of a deal just reached: "Under the deal, …", "The accord provides …", "the agreement on …". */
const TERMS = new RegExp(
  String.raw`\b(?:under (?:the|this|that|their|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:deal|agreement|accord|plan|truce|arrangement|terms|memorandum|understanding|ceasefire|framework|pact)|the (?:[\w'’-]+\s+){0,2}?(?:deal|agreement|accord|truce|arrangement|memorandum|text|pact)\s+(?:also\s+)?(?:provides|provided|includes|included|envisages|envisaged|stipulates|stipulated|requires|required|foresees|covers|covered|commits|committed|calls for|called for|allows|allowed|sets out|set out|contains|contained|obliges|obliged))\b`,
  'i',
);
/** "agreements to repatriate …", "an agreement on further troop pullbacks", "outcomes included …". */
const AGREEMENT_ON =
  /\b(?:(?:an?|new|further|an initial|a provisional|a preliminary)\s+(?:agreements?|accords?|understandings?|consensus)\s+(?:on|to|regarding|concerning|over)|agreements\s+(?:on|to)|(?:decisions?|outcomes?)\s+(?:included|including|concerned|were|was)|produced\s+(?:\w+\s+)?decisions|points of agreement)\s/i;
const JOINT = /\bjoint(?:ly)?\s+(?:statement|declaration|communiqu[eé]|press release|issued)|\bstatement issued jointly\b/i;
const FAILED = /\b(?:fail(?:ed|s)?|unable|no|not|never|without|yet to|refused)\b[^.;]{0,25}$/i;
const ASSESSMENT = /^\s*(?:that\s+)?(?:there\s+(?:is|was|are|were)|progress|it\s+(?:is|was)|the\s+(?:talks|meeting)\s+(?:were|was))\b/i;

/** Sides of the mentions in a range, in order, without repeats. */
function sidesIn(mentions: Mention[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    if (m.start < from || m.end > to || m.possessive) continue;
    for (const s of m.side ? [m.side] : m.sides) if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The parties to an agreement: a plural subject, a list before the verb, "with Y" / "between X and Y", else the two principals. */
function partiesOf(ctx: AgreementContext, anchor: Anchor | null, at: number, end: number): string[] {
  const { text, mentions, profile, reporter, unit } = ctx;
  if (anchor?.subject?.kind === 'plural' && anchor.subject.sides.length >= 2) return anchor.subject.sides;
  const sides: string[] = [];
  if (anchor?.subject?.side) sides.push(anchor.subject.side);
  const between = /\b(?:between|with|among)\s+(?:the\s+)?/gi;
  const scope = text.slice(unit.start, end);
  for (let m = between.exec(scope); m !== null; m = between.exec(scope)) {
    const from = unit.start + m.index + m[0].length;
    for (const s of sidesIn(mentions, from, Math.min(end, from + 80))) if (!sides.includes(s)) sides.push(s);
  }
  if (sides.length < 2) for (const s of sidesIn(mentions, unit.start, at)) if (!sides.includes(s) && sides.length < 4) sides.push(s);
  if (reporter && !sides.includes(reporter.side) && sides.length < 2) sides.push(reporter.side);
  const principals = profile.parties.filter((p) => !sides.includes(p));
  const out = sides.length >= 2 ? sides : [...sides, ...principals];
  return [...new Set(out)];
}

/**
 * Agreements reported in one unit: sides that agreed, signed or reached a deal ("both sides agreed
 * to …", "Russia and Ukraine signed …", "Russia agreed with Ukraine to …", "a deal was reached"),
 * and the terms of a deal just reached ("Under the deal, …", "The accord provides …", a joint
 * statement's commitments). One AgreementReported per topic in the unit.
 */
export function agreementsOf(ctx: AgreementContext): boolean {
  if (ctx.already()) return true;
  const { unit, text } = ctx;
  const regions: { from: number; to: number; anchor: Anchor | null; confidence: number }[] = [];
  for (const a of ctx.anchors) {
    if (!AGREE_LEMMAS.test(a.lemma) || a.negated || a.conditional) continue;
    const before = text.slice(Math.max(unit.start, a.verbStart - 40), a.verbStart);
    if (FAILED.test(before)) continue;
    const after = text.slice(a.verbEnd, a.scopeEnd);
    if (a.lemma === 'agree' && ASSESSMENT.test(after) && !/\b(?:should|must|will|would|shall)\b/.test(after)) continue;
    const plural = a.subject?.kind === 'plural';
    const we = a.subject?.pronoun === 'we' && a.insideQuote;
    const withOther = a.lemma === 'agree' && a.subject?.side && ctx.mentions.some(
      (m) => m.start >= a.verbEnd && m.start < a.verbEnd + 24 && m.side && m.side !== a.subject?.side && /^\s+with\s+(?:the\s+)?$/.test(text.slice(a.verbEnd, m.start)),
    );
    const reached = a.lemma !== 'agree' && REACHED.test(text.slice(a.verbStart, Math.min(unit.end, a.verbEnd + 80)));
    if (plural || we || withOther || (reached && (plural || a.subject?.kind === 'mention'))) {
      if (!plural && !we && !withOther && a.subject?.kind === 'mention') {
        // One side reaching a deal "with" another: parties from the sentence.
        if (!/\bwith\b/.test(text.slice(a.verbEnd, a.scopeEnd))) continue;
      }
      regions.push({ from: a.verbEnd, to: a.scopeEnd, anchor: a, confidence: plural ? 0.8 : 0.7 });
    }
  }
  // "Both sides said …", "the two countries announced …": the outcomes of the meeting just held.
  for (const a of ctx.anchors) {
    if (regions.length > 0 || a.parent || a.negated || a.cue.kind !== 'report' || a.subject?.kind !== 'plural') continue;
    if (/^(?:say|announce|confirm|state|declare|report|add)$/.test(a.lemma)) regions.push({ from: a.scopeStart, to: a.scopeEnd, anchor: a, confidence: 0.6 });
  }
  if (regions.length === 0 && ctx.terms) regions.push({ from: unit.start, to: unit.end, anchor: null, confidence: 0.5 });
  const u = unit.text;
  if (regions.length === 0) {
    for (const re of [PASSIVE_REACHED, TERMS, REACHED]) {
      const m = re.exec(u);
      if (!m) continue;
      if (FAILED.test(u.slice(Math.max(0, m.index - 30), m.index))) continue;
      // A standing accord only named ("the 2015 deal", "the Minsk agreements") is no new agreement.
      if (re === REACHED && !/\b(?:both|two|all|the)\s+(?:sides|parties|countries|leaders|delegations)\b|\band\b|\bwith\b|\bwe\b|\bthey\b/i.test(u.slice(0, m.index + m[0].length + 40))) continue;
      regions.push({ from: unit.start + m.index + (re === PASSIVE_REACHED ? 0 : m[0].length), to: unit.end, anchor: null, confidence: re === TERMS ? 0.65 : 0.7 });
      break;
    }
  }
  if (regions.length === 0) {
    const on = AGREEMENT_ON.exec(u);
    const joint = JOINT.exec(u);
    if (on && !FAILED.test(u.slice(Math.max(0, on.index - 30), on.index)) && !/\b(?:the|a)\s+(?:\d{4}\s+)?(?:Minsk|Istanbul|Geneva)\b/.test(u.slice(Math.max(0, on.index - 20), on.index + 10))) {
      regions.push({ from: unit.start + on.index, to: unit.end, anchor: null, confidence: 0.55 });
    } else if (joint && /\b(?:will|would|agreed|commit\w*|pledged?|shall)\b/.test(u.slice(joint.index))) {
      regions.push({ from: unit.start + joint.index + joint[0].length, to: unit.end, anchor: null, confidence: 0.55 });
    }
  }
  const done = new Set<string>();
  let emitted = false;
  for (const r of regions) {
    const hits = ctx.topicsIn(r.from, r.to);
    const specific = hits.filter((h) => !h.fallback);
    if (r.anchor === null && ctx.terms && specific.length === 0) continue;
    let topics = [...new Set((specific.length ? specific : hits).map((h) => h.topic))];
    // Leaders agreeing to meet: a leaders' meeting.
    const leaders = meetingTopicsOf(ctx.profile).leaders;
    if (leaders && r.anchor && /\b(?:leaders|presidents|heads of state)\b/i.test(r.anchor.subject?.text ?? '') && /\bmeet/i.test(text.slice(r.from, r.to))) topics = [leaders];
    if (topics.length === 0 && ctx.profile.fallbackTopic && r.anchor) topics = [ctx.profile.fallbackTopic.topic];
    const parties = partiesOf(ctx, r.anchor, r.anchor?.verbStart ?? r.from, unit.end);
    const terms = text
      .slice(r.from, r.to)
      .replace(/^\s*(?:to|on|upon|that)\s+/, '')
      .replace(/\s*(?:,?\s*and(?: that)?|[,.;:"”])\s*$/, '')
      .trim();
    for (const topic of topics) {
      if (done.has(topic)) continue;
      done.add(topic);
      emitted = true;
      ctx.push(
        {
          parties,
          topic,
          terms: terms || unit.text,
          quantities: parseQuantities(terms),
          reportedBy: ctx.reporter?.actor ?? null,
          madeOn: ctx.madeOn,
        },
        r.confidence - (specific.length ? 0 : 0.15),
        [`via=${r.anchor ? (r.anchor.subject?.kind === 'plural' ? 'plural' : 'anchor') : ctx.terms ? 'terms' : 'pattern'}`, specific.length ? 'topic=cue' : 'topic=vague', `topics=${Math.min(topics.length, 3)}`],
      );
    }
  }
  return emitted;
}
