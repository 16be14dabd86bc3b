import { describe, expect, it } from 'vitest';
import { dayOfClause, windowOf } from './dates.ts';
import { extractArticle } from './index.ts';

describe('dayOfClause', () => {
  it('resolves weekdays to the latest one on or before publication', () => {
    expect(dayOfClause('Zelenskiy on Wednesday pressed Putin', '2019-08-07')?.day).toBe('2019-08-07');
    expect(dayOfClause('And on Tuesday, Peskov continued', '2025-07-23')?.day).toBe('2025-07-22');
    expect(dayOfClause('Zelensky announced Saturday that', '2025-07-19')?.day).toBe('2025-07-19');
    expect(dayOfClause('proposed over the weekend', '2025-07-21')?.day).toBe('2025-07-19');
  });
  it('resolves calendar days and ignores possessive weekdays', () => {
    expect(dayOfClause('told state TV on July 20 that', '2025-07-21')?.day).toBe('2025-07-20');
    expect(dayOfClause('in a video address on the evening of July 19', '2025-07-21')?.day).toBe('2025-07-19');
    expect(dayOfClause("ahead of Wednesday's talks", '2025-07-23')).toBeNull();
    // The occasion of the words themselves: "in Tuesday's statement".
    expect(dayOfClause("in Tuesday's statement, the Kremlin said", '2025-07-23')?.day).toBe('2025-07-22');
    // chrono reads "in the days" as a day; there is none.
    expect(dayOfClause('said the truce would hold in the days ahead', '2023-06-07')).toBeNull();
  });
  it('never gives a day after publication: a later day is of what is said', () => {
    expect(dayOfClause('said on March 17, 2022', '2022-03-17')?.day).toBe('2022-03-17');
    expect(dayOfClause('said the talks would resume on March 17, 2022', '2022-03-03')).toBeNull();
    // A day with no year just after publication is to come, not a day of last year; one just before New Year is.
    expect(dayOfClause('said the tariffs take effect on December 15', '2019-12-14')).toBeNull();
    expect(dayOfClause('said on December 28', '2020-01-03')?.day).toBe('2019-12-28');
    const { events } = extractArticle({
      text: 'Podolyak said the talks would resume on March 17, 2022, in Belarus.',
      publishedAt: '2022-03-03',
    });
    expect(events.every((e) => e.type !== 'ClaimMade' || e.data.madeOn === null || e.data.madeOn <= '2022-03-03')).toBe(
      true,
    );
  });
  it('a day in the complement of a verb of saying is what is said, not when (a meeting to come, a deadline)', () => {
    const madeOn = (text: string) =>
      extractArticle({ text, publishedAt: '2025-07-08' }).events.flatMap((e) =>
        e.type === 'ClaimMade' ? [e.data.madeOn] : [],
      );
    expect(madeOn('Peskov said talks would be held on Friday.')).toEqual([null]);
    expect(madeOn('Peskov told reporters the truce deadline of March 30 was unrealistic.')).toEqual([null]);
    expect(madeOn('Peskov told reporters on Monday the truce deadline was unrealistic.')).toEqual(['2025-07-07']);
    expect(madeOn('Peskov said on Tuesday that talks would be held on Friday.')).toEqual(['2025-07-08']);
  });
  it('the proposal another side answers on a day was made before, on no day the sentence gives', () => {
    const dated = extractArticle({
      text: 'On Monday, Kyiv rejected the Russian proposal for a truce.',
      publishedAt: '2025-07-08',
    }).events.flatMap((e) => (e.type === 'ClaimMade' ? [[e.data.side, e.data.stance, e.data.madeOn]] : []));
    expect(dated).toEqual([
      ['ukraine', 'rejection', '2025-07-07'],
      ['russia', 'proposal', null],
    ]);
  });
  it('reports periods that name no day', () => {
    expect(dayOfClause('Putin last month called', '2025-07-23')).toEqual({ day: null, period: true });
    expect(dayOfClause('Peskov told reporters earlier this week', '2025-07-23')?.period).toBe(true);
    expect(dayOfClause('Ukraine agreed to that condition in March', '2025-07-21')?.period).toBe(true);
  });
});

describe('windowOf', () => {
  it('resolves timeframes against the day they were said', () => {
    expect(windowOf('by the end of August', '2025-07-23')).toEqual({ from: '2025-07-23', to: '2025-08-31' });
    expect(windowOf('next week', '2025-07-19')).toEqual({ from: '2025-07-21', to: '2025-07-27' });
    expect(windowOf('in the coming week', '2025-07-19')).toEqual({ from: '2025-07-21', to: '2025-07-27' });
    expect(windowOf('this week', '2022-03-29')).toEqual({ from: '2022-03-28', to: '2022-04-03' });
    expect(windowOf('next month', '2014-12-10')).toEqual({ from: '2015-01-01', to: '2015-01-31' });
    expect(windowOf('within weeks', '2025-07-23')).toBeNull();
    expect(windowOf('as soon as possible', '2025-07-23')).toBeNull();
  });
});

describe('the day of a report', () => {
  it('reads the day after an audience ("spoke to reporters on Tuesday"), not after an infinitive ("to meet on Friday")', () => {
    const days = (text: string, publishedAt: string) =>
      extractArticle({ text, publishedAt }).events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null));
    expect(
      days('Peskov spoke to reporters in Moscow on Tuesday.\n\nHe said Russia was ready for talks.', '2025-03-14'),
    ).toEqual(['2025-03-11']);
    expect(days('Peskov agreed to meet Zelensky in Istanbul on Friday.', '2025-03-12')).toEqual([null]);
  });
  it('dates undated statements under a same-day dateline, places joined by a slash too ("KYIV/MOSCOW (Reuters) -")', () => {
    for (const dateline of ['KYIV (Reuters) - ', 'ISTANBUL/KYIV (Reuters) - ', 'Kyiv/Moscow, 16 May (AFP) – ']) {
      const { events } = extractArticle({
        text: `${dateline}Kremlin spokesman Dmitry Peskov said Ukraine must withdraw its troops.`,
        publishedAt: '2025-05-16',
      });
      expect(events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null))).toEqual(['2025-05-16']);
    }
  });
  it('takes no label before a phrase ("Eastern Europe: the talks …") for a dateline', () => {
    for (const head of ['Eastern Europe: the talks ended, and ', 'Talks: the ']) {
      const { events } = extractArticle({
        text: `${head}Kremlin spokesman Dmitry Peskov said Ukraine must withdraw its troops.`,
        publishedAt: '2025-05-16',
      });
      expect(events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null))).toEqual([null]);
    }
  });
  it('takes no day of what the stance is about ("cut the tariffs imposed on September 1") for its own', () => {
    const { events } = extractArticle({
      text: 'Kyiv agreed to lift the sanctions imposed on September 1 on Russian banks.',
      publishedAt: '2025-12-14',
    });
    expect(events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null))).toEqual([null]);
  });
  it('reads no weekday into a lower-case word that abbreviates one ("Putin sat beside him", "the sun")', () => {
    const { events } = extractArticle({
      text: '"We have made progress on the ceasefire," Macron said at a news conference at which Putin sat beside him.',
      publishedAt: '2019-12-10',
    });
    expect(events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null))).toEqual([null]);
  });
  it('gives what a speaker said "earlier" or "had said" no day of the occasion before it', () => {
    const days = (text: string) =>
      extractArticle({ text, publishedAt: '2025-03-12' }).events.map((e) =>
        e.type === 'ClaimMade' ? e.data.madeOn : null,
      );
    expect(
      days('Peskov said on Monday that talks were possible. Earlier, he said that negotiations were impossible.'),
    ).toEqual(['2025-03-10', null]);
    expect(
      days('Peskov said on Monday that talks were possible. He had said that negotiations were impossible.'),
    ).toEqual(['2025-03-10', null]);
  });
  it('reads the day after the verb of saying whatever words follow it ("$5 billion", "25%")', () => {
    const { events } = extractArticle({
      text: 'Peskov said on Thursday sanctions had cost Russia $5 billion.',
      publishedAt: '2025-03-13',
    });
    expect(events.map((e) => (e.type === 'ClaimMade' ? e.data.madeOn : null))).toEqual(['2025-03-13']);
  });
  it("dates a speaker's later words with the day of their own occasion, whoever spoke in between", () => {
    const { events } = extractArticle({
      text:
        'Peskov said on Monday that Russia rejected the truce. Zelensky said on Tuesday that Ukraine wanted a ' +
        'truce.\n\nPeskov also said that talks were possible.',
      publishedAt: '2025-03-12',
    });
    expect(events.map((e) => (e.type === 'ClaimMade' ? [e.data.speaker, e.data.madeOn] : null))).toEqual([
      ['peskov', '2025-03-10'],
      ['zelensky', '2025-03-11'],
      ['peskov', '2025-03-10'],
    ]);
  });
  it('dates the reports that follow the telling of a dated occasion, not the naming of one ("Monday\'s summit")', () => {
    const days = (text: string) =>
      extractArticle({ text, publishedAt: '2025-03-14' }).events.map((e) =>
        e.type === 'ClaimMade' ? e.data.madeOn : null,
      );
    const report = '\n\nLavrov told journalists that Russia wanted a ceasefire.';
    expect(days(`Late on Tuesday, the talks in Geneva seemed to produce a breakthrough.${report}`)).toEqual([
      '2025-03-11',
    ]);
    expect(days(`Tuesday's talks were the first in three years.${report}`)).toEqual([null]);
    expect(days(`The talks on Tuesday are expected to be difficult.${report}`)).toEqual([null]);
  });
});
