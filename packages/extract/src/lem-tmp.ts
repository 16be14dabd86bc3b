import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
const nlp = winkNLP(model, ['sbd', 'pos']);
const s = process.argv[2]!;
const doc = nlp.readDoc(s);
console.log(doc.tokens().out(nlp.its.value).map((v: string, i: number) => `${v}/${doc.tokens().out(nlp.its.pos)[i]}/${doc.tokens().out(nlp.its.lemma as any)[i]}`).join(' '));
