// The review queue (GET /v1/review): facts that need a person's look, each with its reasons, the
// ones that move a current position first. Opening one shows it in the fact panel with its actions.

import { $, ApiError, el, getJson, label, say, sideName, speakerLine } from './lib.js';

/** One line that says what the fact is, with people's names. */
export function describeFact(type, fact) {
  if (type === 'MeetingProposed')
    return `${speakerLine(fact.proposer, fact.proposerSide)} proposes a ${fact.level} meeting`;
  if (type === 'AgreementReported') return `${fact.parties.map(sideName).join(' and ')} agree on ${label(fact.topic)}`;
  return `${speakerLine(fact.speaker, fact.side)} · ${fact.stance} · ${label(fact.topic)}`;
}

/** Loads the queue into the list; false when this tracker has no review route (404). */
export async function loadReview(onOpen) {
  const list = $('review-list');
  const message = $('review-message');
  try {
    const r = await getJson('/v1/review?limit=100');
    $('review-count').textContent = r.items.length ? String(r.items.length) : '';
    say(
      message,
      r.items.length ? '' : 'Nothing needs a look: every fact is confirmed, withdrawn or certain enough.',
      '',
    );
    list.replaceChildren(
      ...r.items.map((item) => {
        const li = el('li', { class: 'review-item', 'data-fact': item.factId });
        const button = el('button', { type: 'button', class: 'linklike' });
        button.append(
          el('strong', {}, `${item.fact.validOn} · ${describeFact(item.type, item.fact)}`),
          el('span', { class: 'quote' }, `“${item.fact.quote}”`),
        );
        button.addEventListener('click', () => onOpen(item));
        const reasons = el('ul', { class: 'reasons' });
        for (const reason of item.reasons) reasons.append(el('li', { 'data-code': reason.code }, reason.message));
        li.append(button, reasons);
        if (item.movesPosition) li.prepend(el('span', { class: 'badge' }, 'moves a position'));
        return li;
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return false;
    say(message, `Could not load the review queue: ${err.message ?? err}`, 'bad');
    return true;
  }
}
