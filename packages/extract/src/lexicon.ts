import type { Stance } from '@claims/events';

/**
 * The words that carry attribution and stance. Verbs are keyed by lemma (wink's lemmatiser),
 * so every tense and person is covered. `report` verbs introduce what someone said; the
 * stance then comes from the reported words. The others carry a stance themselves.
 */
export type VerbKind = 'report' | 'stance' | 'present';

export interface VerbCue {
  kind: VerbKind;
  stance: Stance;
}

const verbs: [string, VerbKind, Stance][] = [];
const add = (kind: VerbKind, stance: Stance, words: string) => {
  for (const w of words.split(/\s+/)) verbs.push([w, kind, stance]);
};
add('report', 'statement',
  'say tell state note add announce reveal report confirm reiterate repeat declare comment argue explain caution warn signal signall indicate stress emphasise emphasize underline insist claim write post acknowledge admit tweet predict describe call question maintain speak temper downplay play dial express hope believe suggest_');
add('stance', 'demand', 'demand urge press push want seek beg require call_for ask implore threaten give_days request');
add('stance', 'proposal', 'propose suggest float invite recommend');
add('stance', 'offer', 'offer promise pledge volunteer');
add('stance', 'acceptance', 'agree accept support welcome back endorse approve embrace favour favor hail ratify');
add('stance', 'rejection', 'reject deny dismiss refuse oppose decline rebuff spurn slam veto scorn resist criticise criticize');
add('stance', 'accusation', 'accuse blame condemn');
// Verbs that hand over a stance noun: "presented demands", "conveyed the proposal", "issued an ultimatum".
add('present', 'statement', 'present convey issue make put submit table voice renew extend send deliver lay set reiterate repeat');

export const VERBS = new Map<string, VerbCue>();
for (const [w, kind, stance] of verbs) if (!VERBS.has(w)) VERBS.set(w, { kind, stance });

/** Nouns that carry a stance when someone presents, reiterates or rejects them. */
export const STANCE_NOUNS: Record<string, Stance> = {
  demand: 'demand', demands: 'demand', condition: 'demand', conditions: 'demand', ultimatum: 'demand', ultimatums: 'demand',
  proposal: 'proposal', proposals: 'proposal', plan: 'proposal', initiative: 'proposal', idea: 'proposal',
  offer: 'offer', offers: 'offer', willingness: 'offer', readiness: 'offer', pledge: 'offer',
  calls: 'demand', appeal: 'demand', appeals: 'demand', request: 'demand', insistence: 'demand',
  invitation: 'proposal', suggestion: 'proposal', suggestions: 'proposal', framework: 'proposal', roadmap: 'proposal', blueprint: 'proposal',
  support: 'acceptance', commitment: 'acceptance', backing: 'acceptance', approval: 'acceptance', endorsement: 'acceptance', consent: 'acceptance',
  opposition: 'rejection', objection: 'rejection', objections: 'rejection',
  accusation: 'accusation', accusations: 'accusation', allegation: 'accusation', allegations: 'accusation', charges: 'accusation',
};

/** Predicate adjectives that carry a stance after a form of "be": "is ready to", "remained open to", "is opposed to". */
export const STANCE_ADJECTIVES: Record<string, Stance> = {
  ready: 'offer', willing: 'offer', prepared: 'offer', keen: 'offer', eager: 'offer', open: 'acceptance', opposed: 'rejection',
};

/** What a negated stance verb or noun means: a refused acceptance, offer or proposal is a rejection; a negated demand a statement. */
export const NEGATED_STANCE: Partial<Record<Stance, Stance>> = {
  acceptance: 'rejection', offer: 'rejection', proposal: 'rejection', demand: 'statement', rejection: 'statement',
};

/** Words that refer back to an earlier claim ("rejected the idea", "agreed to that condition"). */
export const ANAPHORIC = /^(?:the|that|this|these|those|such|his|her|its|their|our|ukraine['’]s|russia['’]s|kyiv['’]s|moscow['’]s)$/i;

/** Stance cues inside reported words, first match wins; each is a regex over the lower-cased text. */
export const CONTENT_CUES: [RegExp, Stance, 'strong' | 'weak'][] = [
  [/\b(?:not honou?ring|violat\w*|fail(?:ed|ing|s)? to (?:stick|comply|honou?r|implement|fulfil)|breach\w*|not complying|not implementing|sabotag\w*)\b/, 'accusation', 'strong'],
  [/\b(?:stance|position) against\b|\bopposition to\b|\bopposed to\b|\bunacceptable\b|\bruled? out\b|\bruling out\b|\brefus\w* to\b|\bno intention of\b|\bno point in\b|\bunrealistic\b|\billusory\b|\b(?:can|could|will|would|there is|there was)(?:\s+be)?\s+no\s+(?:talks|negotiations|ceasefire|truce|deal|compromise|concessions?)\b|\bpremature\b|\b(?:makes?|made|making) no sense\b|\bpointless\b|\bmeaningless\b|\bout of the question\b|\bred lines?\b|\bnon-starter\b|\bnot on the table\b|\bnever\s+(?:\w+\s+)?(?:accept|agree|recogni[sz]e|cede|give up|withdraw|surrender|tolerate|allow|negotiate|trade|hand over|abandon|compromise|sign|support|back)\b|\b(?:will|would|shall|should|can|could|do|does|did|is|are|was|were|has|have|had|wo|ca)\s*(?:not|n['’]t)\s+(?:\w+\s+)?(?:accept|agree|recogni[sz]e|cede|give up|withdraw|surrender|tolerate|allow|negotiate|trade|hand over|abandon|compromise|sign|support|back|endorse|consider)\b|\bcannot\s+(?:\w+\s+)?(?:accept|agree|recogni[sz]e|cede|give up|withdraw|surrender|tolerate|allow|negotiate|trade|hand over|abandon|compromise|sign|support|back|endorse|consider)\b/, 'rejection', 'strong'],
  [/\bmust\b|\bshould\b|\bhave to\b|\bhas to\b|\binsist\w*\b|\bdemand(?:s|ed|ing)? that\b|\bcall(?:s|ed)? (?:on|for)\b/, 'demand', 'strong'],
  [/\bnecessary\b|\bneeded\b|\bneeds?\b|\bpriority\b|\bit is time to\b|\bessential\b/, 'demand', 'weak'],
  [/\b(?:ready|willing|prepared|open) to (?:accept|agree|support|back|consider|endorse)\b/, 'acceptance', 'weak'],
  [/\b(?:could|will|would|might|may|should|shall|to|are to|is to) (?:\w+ )?meet\b/, 'proposal', 'weak'],
  [/\bready (?:to|for)\b|\bwilling to\b|\bwillingness\b|\bprepared to\b|\breadiness\b/, 'offer', 'weak'],
  [/\bopen to\b|\bsupports?\b|\bwelcomes?\b/, 'acceptance', 'weak'],
  [/\bwe (?:once again |again |have |also )?propos\w*\b|\bwe (?:once again |again |have |also )?suggest\w*\b/, 'proposal', 'strong'],
  [/\bwe (?:are )?offer\w*\b/, 'offer', 'strong'],
];

/** Subordinate clauses that start where a claim's content ends (the topic words stop there). */
export const CUTTERS =
  /(?:\s(?:after|before|because|although|though|despite|until|unless|whereas|in exchange for|in return for)\s|,\s(?:as(?! well as)|since|when|where|particularly|especially|saying|stating|adding|citing|allowing)\s|\s(?:so that|in order to|allowing)\s)/g;

/** Clauses whose subject does not speak now: conditions and hypotheses. */
export const CONDITIONAL = /\b(?:unless|if|whether|until)\s*$/i;

/** Boundaries between top-level clauses with different subjects. */
export const CLAUSE_BREAK = /(?:,?\s(?:but|while|whereas)\s|;\s|\s[–—]\s|,\s(?:and|yet)\s(?=[A-Z]))/g;

/** Words that may stand between a subject and its verb: "Putin in turn said", "Ukraine on Wednesday proposed". */
export const SKIPPABLE = new Set(
  'on in at over during earlier later last this next the weekend morning evening afternoon night week month year day turn meanwhile also then again once so far previously repeatedly reportedly still already now not never too jointly firmly publicly privately yesterday today tonight recently immediately swiftly quickly both all separately formally officially openly however instead further finally first likewise similarly, has have had is was were will would could can may might did does do be been being also'.split(
    /\s+/,
  ),
);
export const WEEKDAYS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/i;
export const MONTHS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;

/** Irregular past forms; regular ones end in -ed. */
export const IRREGULAR_PAST = new Set(
  'said told gave sought made met put set wrote spoke took held brought thought felt found left meant came went became began led won read sent struck laid bore drew rose saw'.split(' '),
);
