import type { AgreementReportedData } from '@claims/events';
import type { Mention, Profile } from '@claims/profile';
import type { Anchor } from './attribution.ts';
import { dayReached } from './dates.ts';
import type { Speaker } from './extract.ts';
import { occasionsIn } from './meetings.ts';
import { parseQuantities } from './quantities.ts';
import { meetingTopicsOf, type TopicFinder, type TopicHit, withoutGoverned } from './topics.ts';
import type { Unit } from './units.ts';

export interface AgreementContext {
  unit: Unit;
  text: string;
  mentions: Mention[];
  anchors: Anchor[];
  profile: Profile;
  topicsIn(from: number, to: number): TopicHit[];
  /** The topics a bare deal word names (see `dealTopicsOf`). */
  dealTopics: ReadonlySet<string>;
  reporter: Speaker | null;
  madeOn: string | null;
  publishedAt: string | null;
  push(
    data: Omit<AgreementReportedData, 'source' | 'quote' | 'span' | 'extractor' | 'confidence'>,
    confidence: number,
    features?: string[],
  ): void;
  already(): boolean;
  /** The unit states terms of a deal just reached (see `statesTerms`): the whole unit is its terms. */
  terms?: boolean;
  /**
   * The sides of the talks the article reported last ("talks among Russia, Ukraine, the US and the EU"): whom "the four
   * parties" means.
   */
  talkers?: string[];
}

/** An optional quotation mark: "agreed on a 'roadmap'", "arrived at “a shared understanding”". */
const Q = `["“”'‘’«»]?`;
const DEAL_WORDS = `(?:agreements?|deals?|accords?|understandings?|truce|ceasefire|cease-fire|arrangements?|consensus|memorandum|protocol|framework|compromise|pact|treaty|road ?map|settlement|solution|commitments?|texts?|chapters?|provisions?|terms)`;

/** A deal reached, announced or released in this unit: later units may list its terms. */
const DEAL_NEWS =
  /\b(?:deal|agreement|accord|text|pact|truce|arrangement|understanding)\b[^.;]{0,60}\b(?:reached|struck|announced|unveiled|signed|confirmed|agreed|clinched|released|published|sealed|finali[sz]ed)\b|\b(?:reached|struck|announced|unveiled|signed|confirmed|clinched|released|published|sealed|finali[sz]ed)\b[^.;]{0,40}\b(?:deal|agreement|accord|text|pact|truce|arrangement|understanding)\b/i;
/**
 * A deal reached, or a joint statement released ("The White House released a joint statement"): later units may state
 * its terms.
 */
export const reportsDeal = (unitText: string): boolean => DEAL_NEWS.test(unitText) || JOINT.test(unitText);

/**
 * A unit's words before its verb that open with the deal whose term follows: "Under the deal, …", "Under the terms of
 * the accord, …", "As part of the agreement, …".
 */
const UNDER_THE_DEAL =
  /^\W*(?:under|as (?:a\s+)?part of) (?:the|this|that|their|its)\s+(?:[\w'’-]+\s+){0,3}?(?:deal|agreement|accord|truce|arrangement|pact|terms|memorandum)\b[^,]{0,40},\s*$/i;
export const leadsWithDeal = (lead: string): boolean => UNDER_THE_DEAL.test(lead);
/** The same between a subject and its verb: "China, as part of the agreement, has pledged to …". */
const DEAL_ASIDE =
  /^\s*,\s*(?:under|as (?:a\s+)?part of) (?:the|this|that|their|its)\s+(?:[\w'’-]+\s+){0,3}?(?:deal|agreement|accord|truce|arrangement|pact|terms|memorandum)\b[^,]{0,40},/i;
export const dealAside = (between: string): boolean => DEAL_ASIDE.test(between);

/**
 * Whether reported words state an agreement or a deal's terms ("Agreements were made on …", "the
 * deal involves …", "under the deal, …"): the speaker is reporting the deal, not taking a stance.
 */
export function statesAgreement(words: string): boolean {
  if (TERMS.test(words)) return true;
  // "(said) the two sides had reached consensus on …": the sides' agreement, reported.
  const plural = HAS_AGREEING.test(words) ? PLURAL_AGREED.exec(words) : null;
  if (plural) {
    const before = words.slice(Math.max(0, plural.index - 40), plural.index);
    if (!FAILED.test(before) && !HYPOTHETICAL.test(before)) return true;
  }
  // "(said) Russia and Ukraine would swap 300 prisoners for 300": two sides' joint step, read as an agreement.
  const mutual = MUTUAL.exec(words);
  if (mutual && /\s(?:and|&)\s/.test(words.slice(0, mutual.index)) && !/[,;]/.test(words.slice(0, mutual.index)))
    return true;
  const m = PASSIVE_REACHED.exec(words);
  if (!m) return false;
  // "if no deal is reached", "until an agreement is signed": a condition or a deal still to come, not one reported.
  const before = words.slice(Math.max(0, m.index - 40), m.index);
  return !FAILED.test(before) && !HYPOTHETICAL.test(before);
}

/**
 * An obligation or a provision: what a deal's terms say ("China will buy …", "tariffs would be cut",
 * "1. …", "it covers …", "Point two is …"). "Will need" is a dependency, not a commitment.
 */
const PROVISION =
  /\b(?:will|would|shall|is to|are to|agreed to|committed to|commits to|pledged to|undertakes? to)\s+(?:also\s+|not\s+|further\s+|gradually\s+)?(?:be\s+)?(?!need\b|needs\b|require\b|depend\b|take\b\s+time)[a-z]+|\b(?:includes?|included|covers?|covered|provides? for|calls? for|called for|envisages?|stipulates?|contains?)\b|^\s*["“]?(?:\d+[.)]|\(\d+\)|[-•*])\s|^\s*["“]?(?:point|item|clause|article)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b|^\s*(?:(?:the|its|this|that)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|accord|text|pact|document|memorandum|arrangement)|it)\s+(?:also\s+)?(?:has|have|establishes|sets up|creates|removes|cuts|lifts|keeps|ends|addresses|deals with|spells out|lays out)\b/i;
/** Words that open an item of a list of terms: "Lastly, …", "Secondly, …", "Point two, …". */
const ENUMERATION =
  /^\s*["“]?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|next|finally|lastly|last(?: of all)?|in addition(?! to\b)|(?:point|item|clause|article)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)|\d+[.)])\b/i;
/** What happens if there is no deal or it fails: "If no deal is reached within 90 days, the tariffs will rise". */
const NO_DEAL =
  /\b(?:if|unless|should)\b[^,;.]{0,60}\b(?:no (?:[\w-]+\s+)?(?:deal|agreement|accord|text|settlement)|(?:is|are|was|were) not (?:reached|agreed|signed)|fail\w*|collapse\w*|break down|breaks down|falls? (?:apart|through))\b/i;
/**
 * A provision that is only reported as news or a fear ("News that a council would be set up …"): not the deal's words.
 */
const HEARSAY = /\b(?:news|reports?|rumou?rs?|fears?|speculation|suggestions?|word|talk)\s+that\s+[^.;]*$/i;

/**
 * Whether a unit in the wake of a reported deal states one of its terms: a provision in the
 * journalist's or a negotiator's words, not a side taking a stance of its own. One side agreeing
 * ("The US also agreed to help …") is that side's acceptance, not a term. A stance that opens an
 * item of a list ("Lastly, Lavrov called for …") is both a term and the speaker's claim.
 */
export function statesTerms(unitText: string, anchors: Anchor[]): boolean {
  const m = PROVISION.exec(unitText);
  if (!m) return false;
  if (HEARSAY.test(unitText.slice(0, m.index)) || NO_DEAL.test(unitText)) return false;
  // "Trump said he would phone …": a person's own next step, not what the deal provides.
  if (/\b(?:he|she|i)\s+$/i.test(unitText.slice(0, m.index))) return false;
  if (ENUMERATION.test(unitText)) return true;
  // One side's own stance, in the journalist's words or reported ("The White House said Trump had agreed to …").
  return !anchors.some(
    (a) =>
      a.kind === 'stance' &&
      a.cue.kind === 'stance' &&
      a.subject?.kind === 'mention' &&
      !a.negated &&
      a.stance !== 'offer',
  );
}

const AGREE_LEMMAS = /^(?:agree|sign|reach|strike|conclude|settle|seal|clinch|finalise|finalize)$/;
const DEAL_NOUN = `(?:agreements?|deals?|accords?|understandings?|truce|ceasefire|cease-fire|arrangements?|consensus|memorandum|protocol|framework|compromise|pact|treaty|road ?map)`;
/**
 * "reached an agreement on …", "struck a deal to …", "signed a ceasefire agreement", "arrived at a shared
 * understanding".
 */
const REACHED = new RegExp(
  String.raw`\b(?:reached|reach|reaching|struck|strike|signed|sign|clinched|concluded|sealed|hammered out|finalis[ei]d|finaliz[ei]d|arrived at|secured|agreed|agreed on|agreed upon|settled on|settled upon|worked out)\s+(?:on\s+)?${Q}(?:an?\s+|the\s+|their\s+)?${Q}(?:[\w'’-]+\s+){0,4}?${Q}${DEAL_NOUN}\b`,
  'i',
);
/**
 * "an agreement was reached", "a deal has been struck", "a provisional accord had been agreed" (no clause in between).
 */
const PASSIVE_REACHED = new RegExp(
  String.raw`\b${DEAL_NOUN}\s+(?:(?!(?:he|she|it|they|we|i|you|who|which|that|once|when|if|after|before|until|unless)\b)[\w'’-]+\s+){0,6}?(?:was|were|has been|have been|had been|is|had)\s+(?:now\s+|finally\s+|also\s+)?(?:reached|struck|signed|agreed|clinched|concluded|sealed|finalis[ei]d|finaliz[ei]d|worked out|hammered out|made)\b`,
  'i',
);
/** "a solution has been found", "has a solution been found", "common ground was found". */
const FOUND =
  /\b(?:(?:solution|compromise|common ground|agreement|consensus)\s+(?:has|have|had)\s+been\s+(?:found|reached)|(?:solution|compromise|common ground)\s+(?:was|were)\s+found|(?:has|have|had|was|were)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:solution|compromise|agreement|deal|accord|consensus)\s+(?:been\s+)?(?:found|reached|struck))\b/i;
/**
 * Several sides as the subject of agreeing, with no verb the attribution reads: "the four parties had all settled on
 * …", "the two had worked out …".
 */
/** The verbs of PLURAL_AGREED. */
const AGREEING = String.raw`(?:agreed|settled (?:on|upon)|signed|reached|struck|concluded|sealed|clinched|worked out|arrived at|hammered out|came to an? (?:agreement|deal|understanding))\b`;
const PLURAL_AGREED = new RegExp(
  String.raw`\b(?:(?:the|both|all|all the)\s+(?:(?:two|three|four|five|six|warring|negotiating|opposing|participating)\s+)?(?:sides|parties|countries|leaders|delegations|governments|presidents|negotiators|nations|teams|ministers)|the\s+two|[A-Z][\p{L}]+['’]s\s+(?:two\s+|warring\s+|negotiating\s+)?(?:sides|parties))\s+(?:(?:have|had|has|all|both|also|now|finally|then|further|eventually|reportedly|successfully|each)\s+){0,3}${AGREEING}`,
  'iu',
);
/** What two sides can only do together, to come: "will swap 300 prisoners for 300", "are to exchange bodies". */
const MUTUAL =
  /\b(?:will|would|are to|were to|are set to|are due to|are going to|plan to|are planning to)\s+(?:also\s+|now\s+|soon\s+|again\s+)?(?:swap|exchange)\b/i;
/** A unit with none of the verbs is not tried: the long pattern is slow to fail at every word. */
const HAS_AGREEING = new RegExp(AGREEING, 'iu');
/**
 * The terms of a deal just reached: "Under the deal, …", "As part of the agreement, …", "The accord provides …",
 * "The accord, signed on Friday, provides …".
 */
const TERMS =
  /\b(?:(?:under|as (?:a\s+)?part of) (?:the|this|that|their|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:deal|agreement|accord|plan|truce|arrangement|terms|memorandum|understanding|ceasefire|framework|pact)|the (?:[\w'’-]+\s+){0,2}?(?:deal|agreement|accord|truce|arrangement|memorandum|text|pact|road ?map|treaty|protocol)(?:,\s+[^,.;]{1,60},)?\s+(?:also\s+)?(?:provides|provided|includes|included|envisages|envisaged|stipulates|stipulated|requires|required|foresees|covers|covered|commits|committed|calls for|called for|allows|allowed|sets out|set out|contains|contained|obliges|obliged|will let|would let|will allow|would allow|will see|would see|lets|let|involves|involved|would involve|will involve|means|would mean|outlines|outlined|sets|would include|will include|would require|will require))\b/i;
/** A year: an accord named with one is a standing accord ("the 2015 deal"). */
const YEAR = /\b(?:1[89]|20)\d\d\b/;
/**
 * A standing accord named by its year, place or maker: "under the 2015 deal", "under a ceasefire agreement brokered in
 * Minsk".
 */
const STANDING = new RegExp(
  String.raw`${YEAR.source}|\b(?:brokered|signed|reached|concluded|struck)\s+(?:in|by|at)\s+[A-Z\d]|\bunder (?:the|this|that|their|a|an)\s+(?:[\w'’-]+\s+){0,3}?[A-Z]`,
);
/**
 * "agreements to repatriate …", "an agreement on further troop pullbacks", "outcomes included …", "points of
 * agreement", "the points agreed on".
 */
const AGREEMENT_ON =
  /\b(?:(?:an?|new|further|an initial|a provisional|a preliminary)\s+(?:agreements?|accords?|understandings?|consensus)\s+(?:on|to|regarding|concerning|over)|agreements\s+(?:on|to)|(?:decisions?|outcomes?)\s+(?:included|including|concerned|(?:were|was)(?!\s+(?:\w+ed|taken|made|given|done|not|never)\b))|produced\s+(?:\w+\s+)?decisions|points of agreement|(?:points?|issues?|terms|matters|questions|items)\s+(?:that\s+were\s+|which\s+were\s+)?agreed(?:\s+(?:on|upon))?|agreed\s+(?:points|terms|measures|steps))(?=[\s,:;.])/i;
/**
 * Talks that produced an outcome: "the talks have yielded a concrete result: …", "the meeting resulted in an agreement
 * to …".
 */
const OUTCOME =
  /\b(?:talks|meeting|meetings|negotiations|round|summit|session|consultations|contacts)\b[^.;:]{0,80}?\b(?:yielded|yield|produced|produce|resulted in|brought|delivered|led to)\s+(?:(?:a|an|the|one|two|three|four|first|some|several|concrete|tangible|specific|practical|real|major|key|initial)\s+){0,3}(?:results?|outcomes?|agreements?|breakthroughs?|decisions?|deals?|understandings?)\b\s*[:,–—-]?/i;
/**
 * A summit or talks that closed with a joint call or agreement: "The summit ended with a call for …" (its participants
 * agree).
 */
const ENDED_WITH =
  /\b(?:talks|meeting|negotiations|round|summit|session|consultations)\b[^.;:]{0,60}?\b(?:ended|closed|concluded|wrapped up|finished)\s+with\s+(?:(?:a|an|the)\s+)?(?:joint\s+|common\s+)?(?:calls?|appeals?|agreements?|deals?|decisions?|declarations?|pledges?|commitments?|consensus)\s+(?:on|for|to|that)\b/i;
/** "It was agreed that …", "the swap had been agreed with Erdoğan", "there was consensus on …". */
const AGREED_PASSIVE =
  /\bit\s+(?:was|has been|had been|is)\s+(?:also\s+)?agreed\b|\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?agreed\s+(?:with|between|by|at|during)\b|\bthere\s+(?:was|is|has been|were)\s+(?:a\s+|broad\s+|general\s+|full\s+)?(?:consensus|agreement)\s+(?:on|to|that|about)\b/i;
const JOINT =
  /\bjoint(?:ly)?\s+(?:statement|declaration|communiqu[eé]|press release|issued)|\bstatement issued jointly\b/i;
const FAILED = /\b(?:fail(?:ed|s)?|unable|no|not|never|without|yet to|refused|any)\b[^.;]{0,25}$/i;
/**
 * A deal that is only hypothetical, wished for or a condition: "would break any deal once he had signed it", "hopes
 * to reach a deal", "a summit is possible only after the delegations have agreed on a text".
 */
const HYPOTHETICAL =
  /\b(?:any|if|once|whether|unless|until|only (?:after|when)|hope[sd]?|hoping|want(?:s|ed)?|seek(?:s|ing)?|aim(?:s|ed|ing)?|try|tries|trying|tried|would|might|may|intends?|plans?|expects?|expected|likely)\b[^.;]{0,30}$/i;
/** Where the object of agreeing ends: a later clause may add a term of its own (", adding that …"). */
/** A clause of time naming the talks that go on: "while talks continue", "as the negotiations proceed". */
const WHILE_TALKS =
  /,?\s(?:while|as|as long as|so long as|pending)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:talks|negotiations|discussions|consultations)\s+(?:continue|go on|proceed|are under way|are underway|last|take place)\b/i;
const OBJECT_END =
  /[,;:]["”’]?\s+(?:adding|saying|and said|while|but|though|although|as|which|whereas)\b|["”’]?\s(?:after|before|because|although|though|while|whereas)\s/i;
/**
 * A verb of agreeing that is not (yet) a fact: "have to reach a ceasefire", "hope to sign", "will sign", "must agree".
 */
const NOT_YET =
  /\b(?:to|must|should|can|cannot|will|shall|might|may|would|won['’]t|wouldn['’]t)\s+(?:(?:soon|still|also|finally|first|eventually|jointly|formally|quickly|not|be\s+able\s+to)\s+)*$/i;
/**
 * An appositive after what was agreed describes the occasion, not a term: "…, the first direct talks between the two
 * sides since 2022".
 */
const APPOSITIVE =
  /,\s+(?:the|their|its|a|an)\s+(?:first|second|third|fourth|fifth|latest|largest|biggest|last|only|most)\b/i;
const ASSESSMENT =
  /^\s*(?:that\s+)?(?:there\s+(?:is|was|are|were)|progress|it\s+(?:is|was)|the\s+(?:talks|meeting)\s+(?:were|was))\b/i;

/** Sides of the mentions in a range, in order, without repeats. */
/**
 * Whether the words several sides say open with a side not among them ("Kyiv and Washington said Moscow must pull
 * back"): a position they share about a third side, each one's claim, not a deal between them.
 */
export function speaksOfAnotherSide(mentions: Mention[], text: string, from: number, sides: string[]): boolean {
  return mentions.some(
    (m) =>
      m.side &&
      m.start >= from &&
      m.start < from + 40 &&
      /^[\s"“«]*(?:that\s+)?(?:the\s+)?$/i.test(text.slice(from, m.start)) &&
      !sides.includes(m.side),
  );
}

function sidesIn(mentions: Mention[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    if (m.start < from || m.end > to || m.possessive) continue;
    for (const s of m.side ? [m.side] : m.sides) if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The mentions listed right after `at`: "Russia, Ukraine, the US and the EU" (sides in order, without repeats). */
function listedSides(text: string, mentions: Mention[], at: number): string[] {
  const out: string[] = [];
  for (const x of mentions) {
    if (x.start < at || x.possessive) continue;
    if (!/^(?:\s*|\s*,\s*(?:and\s+)?(?:the\s+)?|\s+(?:and|as well as)\s+(?:the\s+)?)$/.test(text.slice(at, x.start)))
      break;
    for (const s of x.side ? [x.side] : x.sides) if (!out.includes(s)) out.push(s);
    at = x.end;
  }
  return out;
}

const TALKS_AMONG =
  /\b(?:talks|meeting|meetings|summit|negotiations|round|format|session|consultations)\b[^.;]{0,30}?\b(?:among|amongst|between|of|with)\s+(?:the\s+)?(?:(?:leaders|presidents|heads of state|delegations|representatives|envoys|foreign ministers|ministers|negotiators|governments)\s+of\s+(?:the\s+)?)?/gi;

/**
 * The sides of talks a unit reports ("talks among Russia, Ukraine, the US and the EU"): whom a later "the four parties"
 * means.
 */
export function talkersIn(unit: Unit, text: string, mentions: Mention[], anchors: Anchor[]): string[] {
  for (const a of anchors) if (a.subject?.kind === 'plural' && a.subject.sides.length >= 2) return a.subject.sides;
  TALKS_AMONG.lastIndex = 0;
  for (let m = TALKS_AMONG.exec(unit.text); m !== null; m = TALKS_AMONG.exec(unit.text)) {
    const sides = listedSides(text, mentions, unit.start + m.index + m[0].length);
    if (sides.length >= 2) return sides;
  }
  return [];
}

/**
 * The parties to an agreement: a plural subject, a list before the verb, "with Y" / "between X and Y",
 * else the sides of the talks just reported, else the two principals.
 */
function partiesOf(ctx: AgreementContext, anchor: Anchor | null, at: number, end: number): string[] {
  const { text, mentions, profile, reporter, unit } = ctx;
  if (anchor?.subject?.kind === 'plural' && anchor.subject.sides.length >= 2) return anchor.subject.sides;
  const sides: string[] = [];
  if (anchor?.subject?.side) sides.push(anchor.subject.side);
  const between =
    /\b(?:between|with|among|amongst)\s+(?:the\s+)?(?:(?:leaders|presidents|heads|delegations|representatives|envoys|governments|negotiators|teams)\s+of\s+(?:the\s+)?)?/gi;
  const scope = text.slice(unit.start, end);
  for (let m = between.exec(scope); m !== null; m = between.exec(scope)) {
    // The list right after the preposition: "with Ukraine", "among Russia, Ukraine, the US and the EU".
    for (const s of listedSides(text, mentions, unit.start + m.index + m[0].length))
      if (!sides.includes(s)) sides.push(s);
  }
  if (sides.length < 2)
    for (const s of sidesIn(mentions, unit.start, at)) if (!sides.includes(s) && sides.length < 4) sides.push(s);
  // "the four parties", "the leaders": the sides of the talks just reported, when they include what is named here.
  const talkers = ctx.talkers ?? [];
  if (talkers.length >= 2 && sides.every((s) => talkers.includes(s))) return [...talkers];
  if (reporter && !sides.includes(reporter.side) && sides.length < 2) sides.push(reporter.side);
  const principals = profile.parties.filter((p) => !sides.includes(p));
  const out = sides.length >= 2 ? sides : [...sides, ...principals];
  return [...new Set(out)];
}

/**
 * The topics a bare deal word ("the deal", "the agreement") names, when the profile has such a topic: asked of the
 * profile's own topic finder, once per profile, as a second finder would compile its cues again.
 */
export function dealTopicsOf(topics: TopicFinder): Set<string> {
  const probe = 'deal; agreement; accord; pact; the deal was signed; signing';
  return new Set(
    topics
      .find(probe, 0, probe.length)
      .filter((h) => !h.fallback)
      .map((h) => h.topic),
  );
}
const BARE_DEAL = new RegExp(String.raw`^(?:[\w'’-]+\s+){0,2}?${DEAL_WORDS}s?$|^sign(?:s|ed|ing)?$`, 'i');

/**
 * The profile's topic of talks: as it names it, else the topic whose slug says talks or negotiations,
 * else the one its description gives (a description may name talks only in passing: "while talks go on").
 */
function talksTopicOf(profile: Profile): string | null {
  if (profile.meetings) return profile.meetings.talks;
  return (
    profile.topics.find((t) => /(?:^|_)(?:talks|negotiations?|dialogue)(?:_|$)/.test(t.slug))?.slug ??
    meetingTopicsOf(profile).talks
  );
}

/** Start of the sentence that holds `at` inside a unit (a quotation may hold several). */
function sentenceStart(u: string, at: number): number {
  const before = u.slice(0, at);
  const m = /.*[.!?]["”’]?\s+(?=\S)/s.exec(before);
  return m ? m[0].length : 0;
}

interface Region {
  from: number;
  to: number;
  anchor: Anchor | null;
  confidence: number;
  /** Terms only (no verb of agreeing): talks, deal words and the deal as a whole are no term. */
  termsOnly?: boolean;
  /** Where the deal noun itself is (its topic, when the region names no other). */
  noun?: [number, number];
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
  const regions: Region[] = [];
  for (const a of ctx.anchors) {
    if (!AGREE_LEMMAS.test(a.lemma) || a.negated || a.conditional) continue;
    const before = text.slice(Math.max(unit.start, a.verbStart - 40), a.verbStart);
    if (
      FAILED.test(before) ||
      NOT_YET.test(before) ||
      HYPOTHETICAL.test(text.slice(Math.max(unit.start, a.verbStart - 30), a.verbStart))
    )
      continue;
    const after = text.slice(a.verbEnd, a.scopeEnd);
    if (a.lemma === 'agree' && ASSESSMENT.test(after) && !/\b(?:should|must|will|would|shall)\b/.test(after)) continue;
    const plural = a.subject?.kind === 'plural';
    const we = a.subject?.pronoun === 'we' && a.insideQuote;
    const withOther =
      a.lemma === 'agree' &&
      a.subject?.side &&
      ctx.mentions.some(
        (m) =>
          m.start >= a.verbEnd &&
          m.start < a.verbEnd + 24 &&
          m.side &&
          m.side !== a.subject?.side &&
          /^\s+with\s+(?:the\s+)?$/.test(text.slice(a.verbEnd, m.start)),
      );
    const reachedM =
      a.lemma !== 'agree' ? REACHED.exec(text.slice(a.verbStart, Math.min(unit.end, a.verbEnd + 80))) : null;
    const reached = reachedM !== null && reachedM.index === 0;
    if (plural || we || withOther || (reached && (plural || a.subject?.kind === 'mention'))) {
      if (!plural && !we && !withOther && a.subject?.kind === 'mention') {
        // One side reaching a deal "with" another: parties from the sentence.
        if (!/\bwith\b/.test(text.slice(a.verbEnd, a.scopeEnd))) continue;
      }
      const noun: [number, number] | undefined = reachedM
        ? [a.verbStart + reachedM.index, a.verbStart + reachedM.index + reachedM[0].length]
        : undefined;
      regions.push({ from: a.verbEnd, to: a.scopeEnd, anchor: a, confidence: plural ? 0.8 : 0.7, noun });
    }
  }
  const u = unit.text;
  // "the four parties had all settled on …": several sides agreeing, with no verb the attribution read.
  if (regions.length === 0) {
    const m = HAS_AGREEING.test(u) ? PLURAL_AGREED.exec(u) : null;
    // "reached", "signed" and the like need the deal they reached ("the two leaders reached Istanbul" is no agreement).
    const needsDeal = m !== null && !/\b(?:agreed|settled|came to)\b/i.test(m[0]);
    const deal = m ? REACHED.exec(u.slice(m.index)) : null;
    if (
      m &&
      !FAILED.test(u.slice(Math.max(0, m.index - 30), m.index)) &&
      (!needsDeal || (deal !== null && deal.index <= m[0].length))
    ) {
      const noun: [number, number] | undefined = deal
        ? [unit.start + m.index + deal.index, unit.start + m.index + deal.index + deal[0].length]
        : undefined;
      regions.push({ from: unit.start + m.index + m[0].length, to: unit.end, anchor: null, confidence: 0.7, noun });
    }
  }
  // "Russia and Ukraine will swap 300 prisoners for 300": two sides doing together what only a deal lets them do.
  if (regions.length === 0) {
    const m = MUTUAL.exec(u);
    const head = m ? sentenceStart(u, m.index) : 0;
    if (
      m &&
      !FAILED.test(u.slice(Math.max(head, m.index - 30), m.index)) &&
      !HYPOTHETICAL.test(u.slice(Math.max(head, m.index - 30), m.index)) &&
      sidesIn(ctx.mentions, unit.start + head, unit.start + m.index).length >= 2 &&
      /^\s*$|\band\b/.test(u.slice(head, m.index))
    )
      regions.push({ from: unit.start + m.index, to: unit.end, anchor: null, confidence: 0.6 });
  }
  if (regions.length === 0) {
    for (const re of [PASSIVE_REACHED, AGREED_PASSIVE, FOUND, TERMS, REACHED]) {
      const m = re.exec(u);
      if (!m) continue;
      if (FAILED.test(u.slice(Math.max(0, m.index - 30), m.index))) continue;
      if (
        re !== TERMS &&
        (HYPOTHETICAL.test(u.slice(Math.max(0, m.index - 30), m.index)) ||
          NOT_YET.test(u.slice(Math.max(0, m.index - 40), m.index)))
      )
        continue;
      // "the ceasefire that was agreed in Minsk in 2015", "the 2015 deal requires …": a standing accord, no new one.
      if ((re === PASSIVE_REACHED || re === AGREED_PASSIVE) && YEAR.test(u.slice(m.index, m.index + m[0].length + 30)))
        continue;
      if (re === TERMS && YEAR.test(m[0])) continue;
      // A standing accord only named ("the 2015 deal", "the Minsk agreements") is no new agreement.
      if (
        re === REACHED &&
        !/\b(?:both|two|all|the)\s+(?:sides|parties|countries|leaders|delegations)\b|\band\b|\bwith\b|\bwe\b|\bthey\b/i.test(
          u.slice(0, m.index + m[0].length + 40),
        )
      )
        continue;
      // A passive or a found solution: its terms are in its own sentence, before or after the noun.
      const own = re === PASSIVE_REACHED || re === FOUND || re === AGREED_PASSIVE;
      // "China will also buy more farm goods under the deal": the terms come before a trailing "under the deal",
      // when it is the deal of the news (no year, name or standing accord's participle after it).
      const trailingUnder =
        re === TERMS &&
        /^under\b/i.test(m[0]) &&
        sentenceStart(u, m.index) < m.index - 1 &&
        !/[,;:]\s*$/.test(u.slice(0, m.index)) &&
        !STANDING.test(u.slice(m.index, m.index + m[0].length + 40));
      const from = own || trailingUnder ? unit.start + sentenceStart(u, m.index) : unit.start + m.index + m[0].length;
      // A passive ends with its sentence or quotation: the attribution after it names no term.
      const close = own ? /[.!?;]|["”]/.exec(u.slice(m.index + m[0].length)) : null;
      const to = close ? unit.start + m.index + m[0].length + close.index : unit.end;
      const noun: [number, number] = [unit.start + m.index, unit.start + m.index + m[0].length];
      regions.push({ from, to, anchor: null, confidence: re === TERMS ? 0.65 : 0.7, termsOnly: re === TERMS, noun });
      break;
    }
  }
  // "Both sides said …", "…, the two countries announced": the outcomes of the meeting just held.
  for (const a of ctx.anchors) {
    if (regions.length > 0 || a.parent || a.negated || a.cue.kind !== 'report' || a.subject?.kind !== 'plural')
      continue;
    if (!/^(?:say|announce|confirm|state|declare|report|add)$/.test(a.lemma)) continue;
    const from = a.trailing ? unit.start : a.scopeStart;
    const to = a.trailing ? (a.subject?.start ?? a.verbStart) : a.scopeEnd;
    // "Kyiv and Washington said Moscow must pull back": what they say of a third side is their claim, not a deal.
    if (a.subject?.kind === 'plural' && speaksOfAnotherSide(ctx.mentions, text, from, a.subject.sides)) continue;
    regions.push({ from, to, anchor: a, confidence: 0.6 });
  }
  if (regions.length === 0) {
    const on = AGREEMENT_ON.exec(u);
    const outcome = OUTCOME.exec(u) ?? ENDED_WITH.exec(u);
    const joint = JOINT.exec(u);
    if (
      on &&
      !FAILED.test(u.slice(Math.max(0, on.index - 30), on.index)) &&
      !/\b(?:the|a)\s+(?:\d{4}\s+)?(?:Minsk|Istanbul|Geneva)\b/.test(u.slice(Math.max(0, on.index - 20), on.index + 10))
    ) {
      regions.push({ from: unit.start + on.index, to: unit.end, anchor: null, confidence: 0.55, termsOnly: true });
    } else if (
      outcome &&
      !FAILED.test(u.slice(Math.max(0, outcome.index - 30), outcome.index)) &&
      !/\b(?:no|not|n't|never|failed)\b/i.test(outcome[0])
    ) {
      regions.push({
        from: unit.start + outcome.index + outcome[0].length,
        to: unit.end,
        anchor: null,
        confidence: 0.55,
        termsOnly: true,
      });
    } else if (joint && /\b(?:will|would|agreed|commit\w*|pledged?|shall)\b/.test(u.slice(joint.index))) {
      regions.push({ from: unit.start + joint.index + joint[0].length, to: unit.end, anchor: null, confidence: 0.55 });
    }
  }
  if (regions.length === 0 && ctx.terms)
    regions.push({ from: unit.start, to: unit.end, anchor: null, confidence: 0.5, termsOnly: true });
  const done = new Set<string>();
  const { dealTopics } = ctx;
  const { leaders } = meetingTopicsOf(ctx.profile);
  const talks = talksTopicOf(ctx.profile);
  let emitted = false;
  for (const r of regions) {
    const appositive = APPOSITIVE.exec(text.slice(r.from, r.to));
    if (appositive && appositive.index > 0) r.to = r.from + appositive.index;
    // "hold off on new tariffs while talks continue": the talks are the time of the term, not a term.
    const during = WHILE_TALKS.exec(text.slice(r.from, r.to));
    if (during && during.index > 0) r.to = r.from + during.index;
    let hits = ctx.topicsIn(r.from, r.to);
    // "reached a deal after two days of talks": with the deal named, the talks are its occasion, not a term.
    if (r.noun && !r.termsOnly) {
      const occasions = occasionsIn(text, r.from, r.to);
      hits = hits.filter((h) => !(h.topic === talks && occasions.some(([a, b]) => h.start >= a && h.end <= b)));
    }
    // A deal word names the deal as a whole, not one of its terms.
    const bare = (h: TopicHit) => dealTopics.has(h.topic) && BARE_DEAL.test(text.slice(h.start, h.end).trim());
    if (hits.some((h) => !h.fallback && !bare(h))) hits = hits.filter((h) => !bare(h));
    // A topic word governed by another one is its object, not a term of its own: "hold off on raising tariffs".
    hits = withoutGoverned(hits, text);
    let specific = hits.filter((h) => !h.fallback);
    // Terms with no verb of agreeing: only what the deal provides, not the talks or the deal itself.
    if (r.termsOnly) specific = specific.filter((h) => !bare(h) && h.topic !== talks);
    if (r.anchor === null && (ctx.terms || r.termsOnly) && specific.length === 0) continue;
    if (r.termsOnly) hits = specific;
    let topics = [...new Set((specific.length ? specific : hits).map((h) => h.topic))];
    // Leaders agreeing to meet: a leaders' meeting.
    if (
      leaders &&
      r.anchor &&
      /\b(?:leaders|presidents|heads of state)\b/i.test(r.anchor.subject?.text ?? '') &&
      /\bmeet/i.test(text.slice(r.from, r.to))
    )
      topics = [leaders];
    // What was agreed names nothing of the profile ("reaching agreement on the key questions", "signed the
    // phase one deal"): the deal as a whole, its noun's own topic or the fallback, besides any term added after.
    if (!r.termsOnly && (r.anchor || r.noun)) {
      const cut = OBJECT_END.exec(text.slice(r.from, r.to));
      const objectEnd = cut ? r.from + cut.index : r.to;
      const inObject = specific.filter((h) => h.start < objectEnd);
      if (inObject.length === 0) {
        const own = r.noun
          ? ctx.topicsIn(r.noun[0], r.noun[1]).filter((h) => !h.fallback && !(h.topic === talks && topics.length > 0))
          : [];
        const whole = own.length
          ? own.map((h) => h.topic)
          : ctx.profile.fallbackTopic
            ? [ctx.profile.fallbackTopic.topic]
            : [];
        topics = [...new Set([...whole, ...topics])];
      }
    }
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
          madeOn: dayReached(unit.text, ctx.publishedAt) ?? ctx.madeOn,
        },
        r.confidence - (specific.length ? 0 : 0.15),
        [
          `via=${r.anchor ? (r.anchor.subject?.kind === 'plural' ? 'plural' : 'anchor') : ctx.terms ? 'terms' : 'pattern'}`,
          specific.length ? 'topic=cue' : 'topic=vague',
          `topics=${Math.min(topics.length, 3)}`,
        ],
      );
    }
  }
  return emitted;
}
