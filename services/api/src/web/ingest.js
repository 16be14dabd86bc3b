// The paste form: no date by default (the tracker reads the dateline in the text; an entered date
// wins), dates as YYYY-MM-DD, and the result lists the facts found, each a link to review it.

import { $, el, getJson, isIsoDay, label, postJson, say, speakerLine } from './lib.js';
import { requireCredentials } from './token.js';

export function initIngest({ onOpenClaim, onOpenReport, reports }) {
  $('ingest').addEventListener('submit', async (e) => {
    e.preventDefault();
    const result = $('ingest-result');
    const text = $('ingest-text').value;
    const date = $('ingest-date').value.trim();
    const url = $('ingest-url').value.trim();
    if (!text.trim()) return say(result, 'Paste the article’s text first. Nothing was stored.', 'bad');
    if (date && !isIsoDay(date))
      return say(
        result,
        `“${date}” is not a date: write it as YYYY-MM-DD, or leave it empty to use the dateline. Nothing was stored.`,
        'bad',
      );
    if (!(await requireCredentials(result))) return;
    const body = { text, ...(date ? { publishedAt: date } : {}), ...(url ? { url } : {}) };
    say(result, 'Ingesting…');
    $('ingest-facts').replaceChildren();
    try {
      const r = await postJson('/v1/articles', body);
      const counts =
        `${r.counts?.ClaimMade ?? 0} claim(s), ${r.counts?.MeetingProposed ?? 0} meeting ` +
        `proposal(s), ${r.counts?.AgreementReported ?? 0} agreement(s)`;
      say(
        result,
        r.duplicate
          ? 'Already registered: nothing new.'
          : `Registered “${r.title ?? 'article'}”, dated ${r.publishedAt ?? 'nowhere (no dateline found)'}: ${counts}.`,
        'ok',
      );
      if (!r.duplicate) $('ingest-text').value = '';
      await listFacts(r, { onOpenClaim, onOpenReport, reports });
    } catch (err) {
      say(
        result,
        `Not ingested (${err.status ?? 'error'}${err.field ? `, ${err.field}` : ''}): ${err.message ?? err}. Nothing was stored.`,
        'bad',
      );
    }
  });
}

/** The facts of the new article, once the projector has them (a few tries over some seconds). */
async function listFacts(r, { onOpenClaim, onOpenReport, reports }) {
  const list = $('ingest-facts');
  const wanted = (r.counts?.ClaimMade ?? 0) + (r.counts?.MeetingProposed ?? 0) + (r.counts?.AgreementReported ?? 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const claims = (await Promise.all(r.eventIds.map((id) => getJson(`/v1/claims/${id}`).catch(() => null)))).filter(
      Boolean,
    );
    const others = await reports(r.documentId);
    const rows = [
      ...claims.map((c) => ({
        text: `${c.validOn} · ${speakerLine(c.speaker, c.side)} · ${c.stance} · ${label(c.topic)}: “${c.quote}”`,
        open: () => onOpenClaim(c.id),
        id: c.id,
      })),
      ...others.map((o) => ({
        text: `${o.validOn} · ${o.kind}: “${o.item.quote}”`,
        open: () => onOpenReport(o.kind, o.item),
        id: o.item.id,
      })),
    ];
    if (rows.length >= wanted || attempt === 19) {
      list.replaceChildren(
        ...rows.map((row) => {
          const li = el('li');
          const link = el('a', { href: `#fact=${row.id}`, 'data-fact': row.id }, row.text);
          link.addEventListener('click', (e) => {
            e.preventDefault();
            row.open();
          });
          li.append(link);
          return li;
        }),
      );
      if (wanted === 0)
        list.replaceChildren(
          el(
            'li',
            { class: 'hint' },
            'No facts found in this article; select their words in Review to add them by hand.',
          ),
        );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
