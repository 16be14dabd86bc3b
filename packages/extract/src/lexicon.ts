import type { Stance } from '@claims/events';

/**
 * The words that carry attribution and stance in English news reports. Verbs are keyed by lemma
 * (wink's lemmatiser), so every tense and person is covered. `report` verbs introduce what someone
 * said; the stance then comes from the reported words. `stance` verbs carry a stance themselves.
 * `present` verbs hand over a stance noun ("presented demands", "put forward a plan").
 */
export type VerbKind = 'report' | 'stance' | 'present';

export interface VerbCue {
  kind: VerbKind;
  stance: Stance;
}

const verbs = new Map<string, VerbCue>();
const add = (kind: VerbKind, stance: Stance, words: string) => {
  for (const w of words.split(/\s+/)) if (w && !verbs.has(w)) verbs.set(w, { kind, stance });
};
// Stance verbs first: a verb in both lists ("criticise") carries its stance.
add(
  'stance',
  'demand',
  'demand urge press push want seek beg require ask implore threaten request pressure exhort appeal prod nudge',
);
add('stance', 'proposal', 'propose suggest float invite recommend table');
add('stance', 'offer', 'offer promise pledge volunteer commit guarantee');
add(
  'stance',
  'acceptance',
  'agree accept support welcome back endorse approve embrace favour favor hail ratify greenlight praise',
);
add(
  'stance',
  'rejection',
  'reject deny dismiss refuse oppose decline rebuff spurn slam veto scorn resist criticise ' +
    'criticize repudiate disavow denounce decry deride ridicule lambast blast',
);
add('stance', 'accusation', 'accuse blame condemn');
add(
  'report',
  'statement',
  [
    'say tell state note add announce reveal report confirm reiterate repeat declare comment ' +
      'argue explain caution warn',
    'signal signall indicate stress emphasise emphasize underline underscore insist claim write post acknowledge admit',
    'tweet predict describe call question maintain speak temper downplay play dial express hope believe',
    'reaffirm affirm assert contend concede vow observe remark recall mention disclose inform brief assure complain',
    'lament deplore regret reply respond retort answer counter rebut quip joke muse proclaim clarify specify',
    'elaborate recount testify forecast estimate expect anticipate think feel consider view regard judge assess',
    'characterise characterize brand label dub term highlight outline summarise summarize hint imply insinuate tout',
    'boast concur echo telegraph relay reassure plead speculate dispute contest doubt fear read',
  ].join(' '),
);
add(
  'present',
  'statement',
  'present convey issue make put submit voice renew extend send deliver lay set reiterate repeat express hand',
);
export const VERBS: ReadonlyMap<string, VerbCue> = verbs;

/** Nouns that carry a stance when someone presents, reiterates, rejects or owns them ("Russia's demands"). */
/**
 * A table of words, looked up by a token's lower-cased form: a Map, as an object's keys would also answer
 * "constructor" or "toString", and a Map hashes a fresh string without interning it.
 */
export const wordTable = <T>(entries: Record<string, T>): ReadonlyMap<string, T> => new Map(Object.entries(entries));

export const STANCE_NOUNS = wordTable<Stance>({
  demand: 'demand',
  demands: 'demand',
  condition: 'demand',
  conditions: 'demand',
  precondition: 'demand',
  preconditions: 'demand',
  ultimatum: 'demand',
  ultimatums: 'demand',
  calls: 'demand',
  appeal: 'demand',
  appeals: 'demand',
  request: 'demand',
  requests: 'demand',
  insistence: 'demand',
  proposal: 'proposal',
  proposals: 'proposal',
  plan: 'proposal',
  plans: 'proposal',
  initiative: 'proposal',
  idea: 'proposal',
  ideas: 'proposal',
  invitation: 'proposal',
  suggestion: 'proposal',
  suggestions: 'proposal',
  framework: 'proposal',
  roadmap: 'proposal',
  blueprint: 'proposal',
  formula: 'proposal',
  offer: 'offer',
  offers: 'offer',
  willingness: 'offer',
  readiness: 'offer',
  pledge: 'offer',
  pledges: 'offer',
  promise: 'offer',
  commitment: 'offer',
  commitments: 'offer',
  support: 'acceptance',
  backing: 'acceptance',
  approval: 'acceptance',
  endorsement: 'acceptance',
  consent: 'acceptance',
  opposition: 'rejection',
  objection: 'rejection',
  objections: 'rejection',
  refusal: 'rejection',
  rejection: 'rejection',
  accusation: 'accusation',
  accusations: 'accusation',
  allegation: 'accusation',
  allegations: 'accusation',
  charges: 'accusation',
});

/**
 * Predicate adjectives that carry a stance after a form of "be": "is ready to", "remained open to", "is opposed to".
 */
export const STANCE_ADJECTIVES = wordTable<Stance>({
  ready: 'offer',
  willing: 'offer',
  prepared: 'offer',
  keen: 'offer',
  eager: 'offer',
  determined: 'offer',
  committed: 'offer',
  open: 'acceptance',
  opposed: 'rejection',
  unwilling: 'rejection',
  reluctant: 'rejection',
  against: 'rejection',
});

/**
 * What a negated stance verb or noun means: a refused acceptance, offer or proposal is a rejection; a negated demand a
 * statement.
 */
export const NEGATED_STANCE: Partial<Record<Stance, Stance>> = {
  acceptance: 'rejection',
  offer: 'rejection',
  proposal: 'rejection',
  demand: 'statement',
  rejection: 'statement',
  accusation: 'statement',
};

/** Verbs that stand for giving something up or accepting a term; negated or refused, they make a rejection. */
const CONCEDE =
  '(?:accept|agree|recogni[sz]e|cede|give up|withdraw|surrender|tolerate|allow|negotiate|trade|hand over|abandon|compromise|sign|support|back|endorse|consider|let|yield|concede|budge|bow|capitulate|return|join|take part|participate|engage|lift|remove|ease|drop|cut|reduce|lower|relax|suspend|scrap|roll back|pull out|pull back|release)';
const NEG = String.raw`(?:will|would|shall|should|can|could|do|does|did|is|are|was|were|has|have|had|wo|ca|must)\s*(?:not|n['’]t)`;

/**
 * Stance cues inside reported words, by priority: the earliest match of the highest group wins
 * within a group; `strong` cues beat `weak` ones wherever they stand. Each is a regex over the
 * lower-cased words, typographic quotes folded.
 */
export const CONTENT_CUES: { re: RegExp; stance: Stance; strong: boolean }[] = [
  {
    re: /\b(?:not honou?ring|violat\w*|fail(?:ed|ing|s)? to (?:stick|comply|honou?r|implement|fulfil|respect|observe|keep)|breach\w*|(?:not|never|failed to|fails to|failing to) (?:lived?|living) up to|(?:broke|broken|breaking|breaks) (?:[\w'’-]+ ){0,4}?(?:promises?|pledges?|commitments?|word|deal|agreements?|accords?|ceasefire|cease-fire|truce)|not complying|not implementing|sabotag\w*|not serious|not interested in|is not seeking|(?:does|do) not want (?:peace|a ceasefire|talks|negotiations)|(?:doesn|don)['’]t want (?:peace|a ceasefire|talks|negotiations)|deceiv\w*|mislead\w*|stall\w*|drag(?:ging|ged|s)? (?:its|their|his|her) feet|drag(?:ging|ged|s)? out|blackmail\w*|extortion|bully\w*|backtrack\w*|reneg\w*|undermin\w*|provocation\w*|provocative|sham|cynical\w*|hypocri\w*|to blame|is responsible for|are responsible for|manipulat\w*|aggressor|accus\w*|playing games|bad faith|wreck\w*)\b/,
    stance: 'accusation',
    strong: true,
  },
  {
    re: new RegExp(
      String.raw`\b(?:no one (?:should|can|will|could|would)|nobody (?:should|can|will|could|would)|(?:stance|position) against|opposition to|opposed to|oppos(?:e|es|ed|ing)\b|unacceptable|ruled? out|ruling out|refus\w* to|no intention of|no point in|(?:see|sees|saw|seeing) no (?:need|reason|point|sense)|no need (?:for|to)|unrealistic|illusory|premature|(?:makes?|made|making) no sense|pointless|meaningless|out of the question|red lines?|non-starter|not on the table|absurd|nonsense|no (?:compromises?|concessions?) (?:on|over|with)|make no (?:compromises?|concessions?)|not a single (?:inch|centimetre|centimeter|metre|meter)|(?:can|could|will|would|there will be|there can be)(?:\s+be)?\s+no\s+(?:talks|negotiations|ceasefire|truce|deal|compromise|concessions?|elections|peace)|never\s+(?:\w+\s+)?${CONCEDE}|${NEG}\s+(?:\w+\s+)?${CONCEDE}|${NEG}\s+(?:\w+\s+)?(?:meet|sit down|hold talks)\b|cannot\s+(?:\w+\s+)?${CONCEDE}|(?:is|are|was|were|am)\s+not\s+(?:going|prepared|ready|willing)\s+to|not\s+(?:going|prepared|ready|willing)\s+to|reject\w*|dismiss\w*|turn(?:ed|s)? down|will not be (?:exploited|intimidated|blackmailed|bullied|dictated)|(?:an?|the)\s+(?:\w+\s+)?(?:mistake|blunder|error|farce)\b)\b`,
    ),
    stance: 'rejection',
    strong: true,
  },
  {
    re: /\b(?:must|should|have to|has to|had to|ought to|needs? to|need to|insist\w*|demand(?:ed|ing)|demands? that|call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|it is (?:high )?time (?:to|for)|it['’]s (?:high )?time (?:to|for)|(?:it is|it['’]s|is) (?:now )?(?:up to|on)\s+\S+(?:\s+\S+)?\s+(?:now\s+)?to|the (?:burden|onus|ball)\s+(?:now\s+)?(?:falls|lies|is|rests)|(?:his|her|their|its)\s+(?:job|responsibility) to|responsibility to|required to|is required|expects?\s+\S+(?:\s+\S+)?\s+to|wants?\s+\S+(?:\s+\S+)?\s+to|will have no (?:choice|option) but|no choice but|or face|or else|unless)\b/,
    stance: 'demand',
    strong: true,
  },
  {
    re: /\b(?:necessary|needed|needs?|priority|essential|indispensable|vital|crucial|important|imperative|urgent|key to|prerequisite|precondition|only (?:if|when|after|once)|conditions?)\b/,
    stance: 'demand',
    strong: false,
  },
  {
    re: /\b(?:(?:ready|willing|prepared|open) to (?:accept|agree|support|back|consider|endorse|sign|take up|discuss)|agree[sd]? (?:to|with|on)|accept\w*|welcom\w*|positive(?:ly)?|sign(?:ed|s)? on to|on board|nothing against|no objection|merits? (?:\w+ )?support)\b/,
    stance: 'acceptance',
    strong: false,
  },
  {
    re: /\b(?:we (?:once again |again |have |also |would |will )?(?:propose|suggest)\w*|propos(?:e|es|ed|ing)|suggest(?:s|ed|ing)?|(?:could|would|might|may|should|shall|to|(?:we|i) will|(?:we|i)['’]ll) (?:(?!not |never )\w+ )?(?:meet(?! (?:\w+ )?(?:halfway|half-way|in the middle))|sit down|hold talks)|invit(?:e|es|ed|ing)|let['’]s|let us|why not|(?:ready|willing|prepared) to (?:meet|host|receive|hold|resume|restart|negotiate|talk|sit down))\b/,
    stance: 'proposal',
    strong: false,
  },
  {
    re: /\b(?:ready (?:to|for)|willing to|willingness|prepared (?:to|for)|readiness|open to|we (?:will|would|are going to|shall|'ll) (?!not\b|never\b|have\b|be\b|see\b)\w+|(?:will|would|(?:could|can|might)(?=[^.;]*\s(?:if|provided|as long as|so long as|once)\s)) (?:immediately |also |then |soon |further |significantly |gradually )?(?:release|return|send|provide|halt|stop|pause|lift|refrain|allow|buy|purchase|import|open|cut|reduce|lower|increase|expand|boost|strengthen|protect|improve|accelerate|implement|honou?r|abide|crack down|step up|ease|relax|scrap|abolish|eliminate|phase out|drop|waive|exempt|extend|facilitate|deliver|resume|restart|end|suspend|delay|hold off|remove|grant|offer|guarantee|ensure|help|assist))\b/,
    stance: 'offer',
    strong: false,
  },
];

/** What follows a gerund that is its clause's subject: its object, then the verb ("… was tantamount to", "… would mean"). */
export const GERUND_SUBJECT =
  /^[^,;.:]{0,60}?\s(?:is|was|would be|will be|could be|would mean|will mean|means|meant|amounts? to|amounted to|equals|remains)\s/;

/** Subordinate clauses that start where a claim's content ends (the topic words stop there). */
export const CUTTERS =
  /(?:\s(?:after|before|because|although|though|despite|whereas|in exchange for|in return for)\s|,\s(?:as(?! well as)|since|when|where|particularly|especially|saying|stating|adding|citing|allowing|which|who)\s|\s(?:so that|in order to|allowing)\s)/g;

/** A condition inside what is said: the words after it are what the speaker asks of others. */
export const CONDITION =
  /\b(?:only (?:if|when|after|once)|unless|provided(?: that)?|on condition that|as long as|so long as|until)\s/i;

/** Clauses whose subject does not speak now: conditions and hypotheses. */
export const CONDITIONAL = /\b(?:unless|if|whether|until|should)\s*$/i;

/** Boundaries between top-level clauses with different subjects. */
export const CLAUSE_BREAK = /(?:,?\s(?:but|while|whereas)\s|;\s|\s[–—]\s|,\s(?:and|yet)\s(?=[A-Z]))/g;

/** Words that may stand between a subject and its verb: "Putin in turn said", "Ukraine on Wednesday proposed". */
export const SKIPPABLE = new Set(
  'on in at over during earlier later last this next the weekend morning evening afternoon night week month year day turn meanwhile also then again once so far previously repeatedly reportedly still already now not never too jointly firmly publicly privately yesterday today tonight recently immediately swiftly quickly both all separately formally officially openly however instead further finally first likewise similarly has have had is was were will would could can may might did does do be been being himself herself itself themselves consistently flatly categorically bluntly sharply strongly personally directly subsequently remain remains remained stay stays stayed appear appears appeared seem seems seemed'.split(
    /\s+/,
  ),
);
export const WEEKDAYS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/i;
export const MONTHS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;

/** Irregular past forms; regular ones end in -ed. */
export const IRREGULAR_PAST = new Set(
  'said told gave sought made met put set wrote spoke took held brought thought felt found left meant came went became began led won read sent struck laid bore drew rose saw stood kept hit'.split(
    ' ',
  ),
);
