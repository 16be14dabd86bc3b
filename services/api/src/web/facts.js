// The fact panel: one claim, meeting or agreement with its quote highlighted in its article, its
// provenance (who extracted or entered it, who confirmed, withdrew or corrected it, every source),
// and the analyst's actions on it: confirm, correct, withdraw, and add a fact from selected words.
// Every action is one write to the API; the page changes nothing by itself.

import {
  $,
  ApiError,
  analyst,
  el,
  getJson,
  isIsoDay,
  label,
  postJson,
  profile,
  STANCES,
  safeHref,
  say,
  sideName,
  speakerLine,
} from './lib.js';
import { requireCredentials } from './token.js';

/** What the panel shows: { kind, id, documentId, text (the stored article), offset, fact }. */
let current = null;
let onChanged = () => {};

export function initFacts(options) {
  onChanged = options.onChanged;
  fillFactForm();
  // The buttons must not take the selection away from the article (a click would collapse it).
  for (const id of ['act-add', 'act-confirm', 'act-unconfirm', 'act-correct', 'act-withdraw'])
    $(id).addEventListener('mousedown', (e) => e.preventDefault());
  $('act-confirm').addEventListener('click', confirmFact);
  $('act-unconfirm').addEventListener('click', undoConfirmation);
  $('act-withdraw').addEventListener('click', () => openForm('withdraw'));
  $('act-correct').addEventListener('click', () => openForm('correct'));
  $('act-add').addEventListener('click', addFromSelection);
  $('withdraw-form').addEventListener('submit', (e) => {
    e.preventDefault();
    withdrawFact();
  });
  $('fact-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submitFactForm();
  });
  for (const b of document.querySelectorAll('[data-cancel]')) b.addEventListener('click', () => closeForms());
  $('ff-side').addEventListener('change', () => fillSpeakers($('ff-side').value, $('ff-speaker').value));
}

export const currentFact = () => current;

function fillFactForm() {
  const options = (select, items, text) =>
    select.replaceChildren(...items.map((i) => el('option', { value: i.slug }, text(i))));
  options($('ff-side'), profile.sides, (s) => s.name);
  options($('ff-topic'), profile.topics, (t) => label(t.slug));
  options(
    $('ff-stance'),
    Object.keys(STANCES).map((slug) => ({ slug })),
    (s) => s.slug,
  );
}

/** Speakers of the side first (by name), then everyone else: a speaker may speak for another side. */
function fillSpeakers(side, selected) {
  const select = $('ff-speaker');
  const sorted = [...profile.actors].sort((a, b) =>
    (a.side === side) === (b.side === side) ? a.name.localeCompare(b.name) : a.side === side ? -1 : 1,
  );
  select.replaceChildren(
    el('option', { value: '' }, '— nobody named —'),
    ...sorted.map((a) => el('option', { value: a.slug }, `${a.name} (${sideName(a.side)})`)),
  );
  select.value = selected ?? '';
}

const result = () => $('act-result');

/** Opens a claim by id: its provenance from the API, its article from /v1/sources. */
export async function openClaim(id, { waitForProjection = false } = {}) {
  try {
    const p = await provenanceOf(id, waitForProjection ? 20 : 1);
    const src = p.source
      ? await getJson(`/v1/sources/${encodeURIComponent(p.source.documentId)}`).catch(() => null)
      : null;
    show({
      kind: 'claim',
      id,
      fact: p.claim,
      documentId: p.claim.source.documentId,
      source: src ?? p.source,
      text: src?.text ?? p.quote.paragraph?.text ?? p.quote.text,
      offset: src ? 0 : (p.quote.paragraph?.start ?? p.quote.span.start),
      span: p.quote.span,
      provenance: p,
    });
  } catch (err) {
    showError(`Could not load the provenance of ${id}: ${err.message ?? err}`);
  }
}

/** A claim just written is in the read models once the projector has it: a few tries, half a second apart. */
async function provenanceOf(id, tries) {
  for (let i = 1; ; i++) {
    try {
      return await getJson(`/v1/claims/${encodeURIComponent(id)}/provenance`);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404) || i >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Opens a meeting or an agreement (they have no provenance route of their own: the list item and its article). */
export async function openReport(kind, item) {
  try {
    const src = await getJson(`/v1/sources/${encodeURIComponent(item.documentId)}`);
    show({
      kind,
      id: item.id,
      fact: item,
      documentId: item.documentId,
      source: src,
      text: src.text,
      offset: 0,
      span: item.span,
      provenance: null,
    });
  } catch (err) {
    showError(`Could not load the article of ${item.id}: ${err.message ?? err}`);
  }
}

function showError(message) {
  $('provenance-hint').hidden = false;
  $('provenance-hint').textContent = message;
  $('provenance-body').hidden = true;
}

function show(view) {
  current = view;
  closeForms();
  say(result(), '');
  const { fact, provenance: p } = view;
  $('provenance-hint').hidden = true;
  $('provenance-body').hidden = false;
  $('provenance-body').dataset.fact = view.id;
  const chip = $('pv-stance');
  if (view.kind === 'claim') {
    chip.textContent = fact.stance;
    chip.style.background = STANCES[fact.stance] ?? '#000';
    $('pv-side').textContent = speakerLine(fact.speaker, fact.side);
    $('pv-topic').textContent = `on ${label(fact.topic)}`;
    $('pv-text').textContent = fact.text;
  } else if (view.kind === 'meeting') {
    chip.textContent = 'meeting';
    chip.style.background = '#37474f';
    $('pv-side').textContent = speakerLine(fact.proposer, fact.proposerSide);
    $('pv-topic').textContent = `proposes a ${fact.level} meeting`;
    $('pv-text').textContent =
      `With ${fact.participants.map(sideName).join(', ')}${fact.location ? ` in ${fact.location}` : ''}${fact.timeframe ? `, ${fact.timeframe}` : ''}`;
  } else {
    chip.textContent = 'agreement';
    chip.style.background = '#0d47a1';
    $('pv-side').textContent = fact.parties.map(sideName).join(' and ');
    $('pv-topic').textContent = `agree on ${label(fact.topic)}`;
    $('pv-text').textContent = fact.terms;
  }
  $('pv-day').textContent = fact.madeOn ? `said on ${fact.madeOn}` : `reported ${fact.validOn}`;

  const verified = $('pv-verified');
  if (p) {
    verified.textContent = p.verified
      ? '✓ Verified: the stored article hashes to its content hash and holds this quote at its span.'
      : `✗ Not verified (content hash ${p.checks.contentHash ? 'ok' : 'differs'}, quote ` +
        `at span ${p.checks.quoteAtSpan ? 'ok' : 'differs'}).`;
    verified.className = p.verified ? 'verified ok' : 'verified bad';
  } else {
    const ok = view.text.slice(view.span.start, view.span.end) === fact.quote;
    verified.textContent = ok
      ? '✓ The stored article holds this quote at its span.'
      : '✗ The stored article does not hold this quote at its span.';
    verified.className = ok ? 'verified ok' : 'verified bad';
  }
  const src = view.source;
  $('pv-title').textContent = src?.title ?? '(untitled)';
  $('pv-publisher').textContent = src?.publisher ?? '—';
  $('pv-published').textContent = src?.publishedAt ?? '—';
  const urlCell = $('pv-url');
  const href = src?.url ? safeHref(src.url) : null;
  urlCell.replaceChildren(
    href
      ? el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, href)
      : document.createTextNode(src?.url ?? '—'),
  );
  $('pv-hash').textContent = view.documentId;
  $('pv-event').textContent = p
    ? `${p.event.id} · ${p.event.stream} rev ${p.event.revision} · position ${p.event.position}`
    : `${view.id} · position ${fact.position}`;
  $('pv-recorded').textContent = p?.event.recordedAt ?? fact.recordedAt;
  // Who did it: the extractor, or the analyst who entered it, and the token that wrote it.
  const extractor = p?.extractor ?? fact.extractor;
  $('pv-by').textContent =
    extractor.name === 'analyst'
      ? `entered by ${extractor.version}${p?.event.writtenBy ? ` (token ${p.event.writtenBy})` : ''}`
      : `${extractor.name} ${extractor.version}`;
  $('pv-confidence').textContent = typeof fact.confidence === 'number' ? fact.confidence.toFixed(2) : '—';
  // Every confirmation when the provenance lists them (with their undoing), else the one that holds.
  const confirmations = p?.confirmations?.map(
    (c) => `${c.at} by ${c.by ?? 'someone'}${c.withdrawn ? ` (withdrawn by ${c.withdrawn.by})` : ''}`,
  );
  $('pv-confirmed').textContent = confirmations?.length
    ? confirmations.join('; ')
    : fact.confirmed
      ? `${fact.confirmed.at} by ${fact.confirmed.by ?? 'someone'}`
      : 'no';
  const withdrawal =
    p?.withdrawal ??
    (fact.withdrawn ? { at: fact.withdrawn.at, by: fact.withdrawn.by, reason: fact.withdrawn.reason } : null);
  $('pv-withdrawn').textContent = withdrawal ? `${withdrawal.at} by ${withdrawal.by}: ${withdrawal.reason}` : 'no';
  $('pv-corrections').textContent = p?.corrections?.length
    ? p.corrections.map((c) => `${c.type} ${c.eventId} (${c.recordedAt})`).join('; ')
    : 'none';
  renderSources(p?.sources ?? null, fact.sources);

  const article = $('pv-article');
  const start = view.span.start - view.offset;
  const end = view.span.end - view.offset;
  const mark = el('mark', { id: 'pv-quote' }, view.text.slice(start, end));
  article.replaceChildren(
    document.createTextNode(view.text.slice(0, start)),
    mark,
    document.createTextNode(view.text.slice(end)),
  );
  article.dataset.offset = String(view.offset);
  // Correcting is for claims (meetings and agreements are corrected through the API); nothing withdrawn is acted on
  // again.
  $('act-correct').hidden = view.kind !== 'claim';
  // A confirmation is undone by withdrawing its own event (the contract's FactConfirmed).
  const standing = p?.confirmations?.find((c) => !c.withdrawn) ?? null;
  $('act-unconfirm').hidden = !standing;
  $('act-unconfirm').dataset.event = standing?.eventId ?? '';
  for (const id of ['act-confirm', 'act-correct', 'act-withdraw']) $(id).disabled = Boolean(withdrawal);
  $('provenance').focus({ preventScroll: true });
  mark.scrollIntoView({ block: 'nearest' });
}

/** Every article that carries the fact, each checked against its own stored text (contract: provenance.sources). */
function renderSources(sources, count) {
  const list = $('pv-sources');
  if (!sources) {
    list.replaceChildren(el('li', {}, typeof count === 'number' ? `${count} source(s)` : 'this article'));
    return;
  }
  list.replaceChildren(
    ...sources.map((s) => {
      const li = el('li', { 'data-document': s.documentId });
      const href = s.url ? safeHref(s.url) : null;
      li.append(
        href
          ? el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, s.title ?? href)
          : el('span', {}, s.title ?? s.documentId),
      );
      li.append(
        document.createTextNode(
          ` · ${s.publisher ?? 'unknown publisher'} · ${s.publishedAt ?? 'undated'} · ${s.verified ? '✓ verified' : '✗ not verified'}${s.copyOf ? ' · a copy' : ''}${s.withdrawn ? ' · withdrawn here' : ''}`,
        ),
      );
      return li;
    }),
  );
}

function closeForms() {
  $('withdraw-form').hidden = true;
  $('fact-form').hidden = true;
}

/** Turns an API refusal into what the analyst should do; every message says that nothing changed. */
function explain(err, what) {
  if (!(err instanceof ApiError)) return `${what} failed: ${err.message ?? err}. Nothing was changed.`;
  if (err.status === 401)
    return `The tracker did not accept the token (401): set it again with “Write token”. Nothing was changed.`;
  if (err.status === 403)
    return `This token may not ${what.toLowerCase()} (403: it needs the analyst scope). Nothing was changed.`;
  if (err.status === 422 && (err.field === 'quote' || err.field?.startsWith('span')))
    return `Stale span: the stored article does not hold the selected words there (${err.message}). Select the words again. Nothing was saved.`;
  if (err.status === 409) return `${what} refused: ${err.message}. Nothing was changed.`;
  return `${what} refused (${err.status}${err.field ? `, ${err.field}` : ''}): ${err.message}. Nothing was changed.`;
}

/** The article text of the open fact, with the span of the current selection in it (or why there is none). */
export function selectionSpan() {
  const article = $('pv-article');
  const selection = document.getSelection();
  if (!current || !selection || selection.rangeCount === 0 || selection.isCollapsed)
    return { error: 'Select the words of the missing fact in the article first: nothing is selected.' };
  const range = selection.getRangeAt(0);
  if (!article.contains(range.startContainer) || !article.contains(range.endContainer))
    return { error: 'Select the words inside the article text (the selection is elsewhere on the page).' };
  const before = document.createRange();
  before.selectNodeContents(article);
  before.setEnd(range.startContainer, range.startOffset);
  const raw = range.toString();
  const quote = raw.trim();
  if (!quote) return { error: 'The selection holds only spaces: select the words of the fact.' };
  const start = current.offset + before.toString().length + (raw.length - raw.trimStart().length);
  return { start, end: start + quote.length, quote };
}

function openForm(mode) {
  if (!current) return;
  closeForms();
  say(result(), '');
  if (mode === 'withdraw') {
    $('withdraw-form').hidden = false;
    $('wf-reason').focus();
    return;
  }
  const form = $('fact-form');
  form.dataset.mode = mode;
  $('ff-legend').textContent =
    mode === 'correct'
      ? 'Correct this claim (it is withdrawn and replaced in one write)'
      : 'Add the fact these words state';
  $('ff-submit').textContent = mode === 'correct' ? 'Save the correction' : 'Add the fact';
  $('ff-span').hidden = mode !== 'add';
  const f = current.kind === 'claim' ? current.fact : null;
  $('ff-side').value = f?.side ?? profile.sides[0]?.slug ?? '';
  $('ff-topic').value = f?.topic ?? current.fact.topic ?? profile.topics[0]?.slug ?? '';
  $('ff-stance').value = f?.stance ?? 'statement';
  fillSpeakers($('ff-side').value, f?.speaker ?? '');
  $('ff-date').value = mode === 'correct' ? (f?.madeOn ?? '') : '';
  form.hidden = false;
  $('ff-side').focus();
}

function addFromSelection() {
  const span = selectionSpan();
  if (span.error) {
    say(result(), span.error, 'bad');
    return;
  }
  openForm('add');
  $('ff-start').value = String(span.start);
  $('ff-end').value = String(span.end);
  $('ff-quote').textContent = span.quote;
}

async function confirmFact() {
  if (!current || !(await requireCredentials(result()))) return;
  const fact = current;
  say(result(), 'Confirming…');
  try {
    const r = await postJson('/v1/confirmations', { factId: fact.id });
    say(result(), `Confirmed by ${analyst()}: event ${r.id}.`, 'ok');
    await onChanged(fact, r.id ? [r.id] : []);
    await reopen(fact, (p) => !p.confirmations || p.confirmations.some((c) => c.eventId === r.id));
  } catch (err) {
    const missing = err instanceof ApiError && err.status === 404 && err.field !== 'factId';
    say(
      result(),
      missing
        ? 'This tracker cannot record confirmations yet (POST /v1/confirmations answered 404). Nothing was changed.'
        : explain(err, 'Confirm'),
      'bad',
    );
  }
}

async function undoConfirmation() {
  const eventId = $('act-unconfirm').dataset.event;
  if (!current || !eventId || !(await requireCredentials(result()))) return;
  const fact = current;
  say(result(), 'Undoing the confirmation…');
  try {
    const r = await postJson('/v1/withdrawals', {
      documentId: fact.documentId,
      eventId,
      reason: `confirmation undone by ${analyst()}`,
      analyst: analyst(),
    });
    say(result(), `Confirmation undone by ${analyst()}: event ${r.eventIds[0]}.`, 'ok');
    await onChanged(fact, r.eventIds);
    await reopen(fact, (p) => p.confirmations?.find((c) => c.eventId === eventId)?.withdrawn);
  } catch (err) {
    say(result(), explain(err, 'Undo'), 'bad');
  }
}

/**
 * Shows the fact again, keeping the result line. The read models follow the log a moment later:
 * with `settled(provenance)`, a few tries until the provenance shows the change.
 */
async function reopen(fact, settled = () => true) {
  const message = result().textContent;
  const kind = result().className.includes('ok') ? 'ok' : '';
  if (fact.kind === 'claim') {
    for (let i = 0; i < 10; i++) {
      const p = await getJson(`/v1/claims/${encodeURIComponent(fact.id)}/provenance`).catch(() => null);
      if (!p || settled(p)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await openClaim(fact.id);
  }
  say(result(), message, kind);
}

async function withdrawFact() {
  if (!current || !(await requireCredentials(result()))) return;
  const fact = current;
  const reason = $('wf-reason').value.trim();
  if (!reason) {
    say(result(), 'Say why it is withdrawn (the reason is kept in the history). Nothing was changed.', 'bad');
    return;
  }
  say(result(), 'Withdrawing…');
  try {
    const r = await postJson('/v1/withdrawals', {
      documentId: fact.documentId,
      eventId: fact.id,
      reason,
      analyst: analyst(),
    });
    closeForms();
    $('wf-reason').value = '';
    say(result(), `Withdrawn by ${analyst()}: event ${r.eventIds[0]}.`, 'ok');
    await onChanged(fact, r.eventIds);
    await reopen(fact, (p) => p.withdrawal);
  } catch (err) {
    say(result(), explain(err, 'Withdraw'), 'bad');
  }
}

async function submitFactForm() {
  if (!current) return;
  const mode = $('fact-form').dataset.mode;
  const date = $('ff-date').value.trim();
  if (date && !isIsoDay(date)) {
    say(result(), `“${date}” is not a date: write it as YYYY-MM-DD, or leave it empty. Nothing was saved.`, 'bad');
    return;
  }
  const entry = {
    side: $('ff-side').value,
    topic: $('ff-topic').value,
    stance: $('ff-stance').value,
    speaker: $('ff-speaker').value || null,
    madeOn: date || null,
  };
  const fact = current;
  if (mode === 'correct') {
    Object.assign(entry, { documentId: fact.documentId, span: fact.span, quote: fact.fact.quote, corrects: fact.id });
  } else {
    const start = Number($('ff-start').value);
    const end = Number($('ff-end').value);
    const quote = $('ff-quote').textContent;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      say(result(), 'The span must be two whole numbers, start before end. Nothing was saved.', 'bad');
      return;
    }
    // The page checks the span against the stored text it shows; the API checks it again.
    const here = fact.text.slice(start - fact.offset, end - fact.offset);
    if (fact.offset === 0 && here !== quote) {
      say(
        result(),
        `Stale span: characters ${start}–${end} of the stored article read “${here}”, not the ` +
          `selected words. Select the words again. Nothing was saved.`,
        'bad',
      );
      return;
    }
    Object.assign(entry, { documentId: fact.documentId, span: { start, end }, quote });
  }
  if (!(await requireCredentials(result()))) return;
  entry.analyst = analyst();
  say(result(), mode === 'correct' ? 'Saving the correction…' : 'Adding…');
  try {
    const r = await postJson('/v1/claims', entry);
    closeForms();
    const added = r.eventIds.at(-1);
    say(
      result(),
      r.duplicate
        ? 'The article already holds this exact fact: nothing new was stored.'
        : `${mode === 'correct' ? 'Corrected' : 'Added'} by ${analyst()}: claim ${added}.`,
      r.duplicate ? '' : 'ok',
    );
    await onChanged(fact, r.eventIds);
    if (!r.duplicate) {
      const message = result().textContent;
      await openClaim(added, { waitForProjection: true });
      say(result(), message, 'ok');
    }
  } catch (err) {
    say(result(), explain(err, mode === 'correct' ? 'Correct' : 'Add'), 'bad');
  }
}
