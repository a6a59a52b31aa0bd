import { describe, expect, it } from 'vitest';
import { impactTicketOf, trainingImpact } from './trainingImpact';
import { CLASS_AT, deskKey, impactDesk, LATER } from './trainingImpact.testkit';
import { impactClassesOf, trainingImpactRow, type ReportClass } from './trainingReport';

const person = (name: string, attendance: 'attended' | 'absent' | 'unmarked') => ({ name, contact: 'ext. 1', attendance });

const vpnClass: ReportClass = {
  id: 'c1',
  title: 'VPN at home',
  topic: 'vpn',
  startsAt: CLASS_AT,
  attendees: [person('Ada', 'attended'), person('Budi', 'attended'), person('Citra', 'absent')],
};

const twoWeeks = { weeks: 2, now: LATER };
const desk = () => impactDesk().map(impactTicketOf);

describe('training impact rows', () => {
  it('measures the attended only, and keeps those trained by an earlier class on the topic out of the comparison', () => {
    const earlier: ReportClass = {
      ...vpnClass,
      id: 'c0',
      startsAt: '2026-02-02T09:00:00.000Z',
      attendees: [person('Dewi', 'attended'), person('Eko', 'absent')],
    };
    const elsewhere: ReportClass = { ...vpnClass, id: 'c2', topic: 'email', attendees: [person('Eko', 'attended')] };
    const muchLater: ReportClass = { ...vpnClass, id: 'c3', startsAt: '2026-04-06T00:00:00.000Z', attendees: [person('Eko', 'attended')] };
    const [measured] = impactClassesOf([vpnClass], [earlier, vpnClass, elsewhere, muchLater], twoWeeks);
    // Citra was absent; Eko's email class and the vpn class starting as the after side ends do not count.
    expect(measured).toEqual({ topic: 'vpn', startsAt: CLASS_AT, attendeeKeys: [deskKey('Ada'), deskKey('Budi')], trainedElsewhereKeys: [deskKey('Dewi')] });
  });

  it('flattens an estimate into counts, person-weeks, the estimate and its interval (the desk of trainingImpact.test.ts)', () => {
    const [measured] = impactClassesOf([vpnClass], [vpnClass], twoWeeks);
    if (measured === undefined) throw new Error('no class');
    const row = trainingImpactRow(vpnClass, trainingImpact(measured, desk(), twoWeeks));
    expect(row).toMatchObject({
      id: 'c1',
      attended: 2,
      invited: 3,
      verdict: 'estimate',
      weeksBefore: 2,
      weeksAfter: 2,
      // 12 tickets before, 3 after, 2 persons × 2 weeks each side.
      attendees: { persons: 2, ticketsBefore: 12, ticketsAfter: 3, personWeeksBefore: 4, personWeeksAfter: 4, rateBefore: 3, rateAfter: 0.75 },
      comparison: { persons: 3, ticketsBefore: 9, ticketsAfter: 6, personWeeksBefore: 6, personWeeksAfter: 6, rateBefore: 1.5, rateAfter: 1 },
      measurableFrom: null,
    });
    // (0.75 − 3) − (1 − 1.5) = −1.75; the interval ±1.96 × 1.1637.
    expect(row.estimate).toBeCloseTo(-1.75, 12);
    expect(row.low).toBeCloseTo(-4.0308, 4);
    expect(row.high).toBeCloseTo(0.5308, 4);
  });

  it('gives no estimate below the minimum, and none before a week after the class has ended', () => {
    const one: ReportClass = { ...vpnClass, attendees: [person('Budi', 'attended')] };
    const [budi] = impactClassesOf([one], [one], twoWeeks);
    if (budi === undefined) throw new Error('no class');
    // Budi alone: 5 before + 1 after = 6 tickets, under the minimum of 10.
    const few = trainingImpactRow(one, trainingImpact(budi, desk(), twoWeeks));
    expect(few).toMatchObject({ verdict: 'tooFewTickets', estimate: null, low: null, high: null, attendees: { ticketsBefore: 5, ticketsAfter: 1 } });
    const early = trainingImpactRow(one, trainingImpact(budi, desk(), { weeks: 2, now: '2026-03-20T00:00:00.000Z' }));
    expect(early).toMatchObject({ verdict: 'tooEarly', attendees: null, comparison: null, estimate: null, measurableFrom: '2026-03-30T00:00:00.000Z' });
  });
});
