import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaAndBudi, CLASS_AT, impactDesk } from '../../shared/stats/trainingImpact.testkit';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';
import { importTicketHistory, ticketHistoryCsv } from '../support/ticketHistoryCsv';

/*
 * GET /api/stats/training end to end: the hand-built desk of shared/stats/trainingImpact.testkit.ts
 * imported as history, its vpn class planned and marked through sync, and the route answering the
 * estimate worked out by hand there (−1.75 tickets per person-week), as JSON and as CSV.
 */

const MARCH = 'from=2026-03-01&to=2026-04-01';
const person = (name: string) => ({ name, contact: 'ext. 1' });

describe.each(DATABASE_KINDS)('GET /api/stats/training on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin = '';
  let supervisor = '';
  let technician = '';
  const classId = randomUUID();

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = (await login(server.url, 'admin', server.adminPassword)).token;
    await server.createUser(admin, { username: 'sue', password: 'supervisor-pass', displayName: 'Sue', role: 'supervisor' });
    await server.createUser(admin, { username: 'tina', password: 'technician-pass', displayName: 'Tina', role: 'technician' });
    supervisor = (await login(server.url, 'sue', 'supervisor-pass')).token;
    const tina = await login(server.url, 'tina', 'technician-pass');
    technician = tina.token;
    const desk = impactDesk();
    await importTicketHistory(server.url, admin, ticketHistoryCsv(desk, 'desk'), desk.length);
    // Ada and Budi came; Hana was invited but did not: an invitation alone makes nobody an attendee.
    const { results } = await push(server.url, technician, [
      {
        name: 'class:create',
        at: '2026-03-10T09:00:00.000Z',
        args: {
          id: classId,
          title: 'VPN at home',
          topic: adaAndBudi.topic,
          trainerIds: [tina.user.id],
          startsAt: CLASS_AT,
          durationMinutes: 60,
          place: 'Room 1',
          materials: [],
          attendees: [person('Ada'), person('Budi'), person('Hana')],
        },
      },
      {
        name: 'class:markAttendance',
        at: '2026-03-18T12:00:00.000Z',
        args: {
          id: classId,
          marks: [
            { ...person('Ada'), attendance: 'attended' },
            { ...person('budi'), attendance: 'attended' },
            { ...person('Hana'), attendance: 'absent' },
          ],
        },
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers each class of the period with both groups, the estimate and its 95 % interval', async () => {
    const answer = await call(server.url, 'GET', `/api/stats/training?${MARCH}&weeks=2`, supervisor);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, weeks: 2, minimumTickets: 10 });
    const rows = answer.body.rows as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      id: classId,
      title: 'VPN at home',
      topic: 'vpn',
      startsAt: CLASS_AT,
      attended: 2,
      invited: 3,
      verdict: 'estimate',
      before: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' },
      after: { from: '2026-03-23T00:00:00.000Z', to: '2026-04-06T00:00:00.000Z' },
      attendees: { persons: 2, ticketsBefore: 12, ticketsAfter: 3, personWeeksBefore: 4, personWeeksAfter: 4 },
      comparison: { persons: 3, ticketsBefore: 9, ticketsAfter: 6, personWeeksBefore: 6, personWeeksAfter: 6 },
    });
    expect(Number(row?.estimate)).toBeCloseTo(-1.75, 12);
    expect(Number(row?.low)).toBeCloseTo(-4.0308, 4);
    expect(Number(row?.high)).toBeCloseTo(0.5308, 4);
  });

  it('says "too few tickets" below the minimum, with the counts, and lists only classes of the period and topic', async () => {
    // One week each side: attendees 6 + 2 = 8 tickets, under 10.
    const one = await call(server.url, 'GET', `/api/stats/training?${MARCH}&weeks=1`, supervisor);
    expect(one.body.rows).toEqual([
      expect.objectContaining({
        verdict: 'tooFewTickets',
        estimate: null,
        low: null,
        attendees: expect.objectContaining({ ticketsBefore: 6, ticketsAfter: 2 }),
      }),
    ]);
    // Eight weeks by default.
    expect((await call(server.url, 'GET', `/api/stats/training?${MARCH}`, supervisor)).body).toMatchObject({
      weeks: 8,
      rows: [{ weeksBefore: 8, verdict: 'estimate' }],
    });
    expect((await call(server.url, 'GET', '/api/stats/training?from=2026-04-01&to=2026-05-01', supervisor)).body.rows).toEqual([]);
    expect((await call(server.url, 'GET', `/api/stats/training?${MARCH}&category=email`, supervisor)).body.rows).toEqual([]);
    expect((await call(server.url, 'GET', `/api/stats/training?${MARCH}&category=vpn`, supervisor)).body.rows).toHaveLength(1);
  });

  it('exports the table as CSV', async () => {
    const response = await fetch(`${server.url}/api/stats/training?${MARCH}&weeks=2&format=csv`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="meja-training-2026-03-01-2026-04-01.csv"');
    const [header, line, end] = (await response.text()).split('\r\n');
    expect(header).toBe(
      'id,title,topic,startsAt,attended,invited,verdict,weeksBefore,weeksAfter,' +
        'attendeesPersons,attendeesTicketsBefore,attendeesTicketsAfter,attendeesPersonWeeksBefore,attendeesPersonWeeksAfter,attendeesRateBefore,attendeesRateAfter,' +
        'comparisonPersons,comparisonTicketsBefore,comparisonTicketsAfter,comparisonPersonWeeksBefore,comparisonPersonWeeksAfter,comparisonRateBefore,comparisonRateAfter,' +
        'estimate,low,high',
    );
    expect(line).toMatch(new RegExp(`^${classId},VPN at home,vpn,${CLASS_AT},2,3,estimate,2,2,2,12,3,4,4,3,0.75,3,9,6,6,6,1.5,1,-1.75,-4.03`));
    expect(end).toBe('');
  });

  it('refuses technicians as every statistics route does, and bad weeks with a readable 400', async () => {
    expect((await call(server.url, 'GET', `/api/stats/training?${MARCH}`, technician)).status).toBe(403);
    for (const weeks of ['0', '53', '2.5', 'many']) {
      const answer = await call(server.url, 'GET', `/api/stats/training?${MARCH}&weeks=${weeks}`, supervisor);
      expect(answer.status, weeks).toBe(400);
      expect(String(answer.body.message)).toMatch(/weeks must be a whole number from 1 to 52/);
    }
  });
});
