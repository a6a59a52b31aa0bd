import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_ROUTES } from '../../shared/stats/api';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Wide enough to hold "now" whenever the test runs.
const PERIOD = 'from=2020-01-01&to=2100-01-01';

describe.each(DATABASE_KINDS)('statistics routes on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin = '';
  let supervisor = '';
  let technician = '';

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = (await login(server.url, 'admin', server.adminPassword)).token;
    await server.createUser(admin, { username: 'sue', password: 'supervisor-pass', displayName: 'Sue', role: 'supervisor' });
    await server.createUser(admin, { username: 'tina', password: 'technician-pass', displayName: '=Tina', role: 'technician' });
    supervisor = (await login(server.url, 'sue', 'supervisor-pass')).token;
    technician = (await login(server.url, 'tina', 'technician-pass')).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it.each(STATS_ROUTES)('lets only supervisors and admins read %s', async (route) => {
    const path = `/api/stats/${route}?${PERIOD}`;
    expect((await call(server.url, 'GET', path, null)).status).toBe(401);
    expect((await call(server.url, 'GET', path, technician)).status).toBe(403);
    expect((await call(server.url, 'GET', path, supervisor)).status).toBe(200);
    expect((await call(server.url, 'GET', path, admin)).status).toBe(200);
  });

  it.each([
    ['', /from/],
    ['from=2026-03-01', /to/],
    ['from=2026-03-01&to=yesterday', /"to" is not an ISO 8601 date/],
    ['from=2026-02-30&to=2026-03-31', /"from" is not an ISO 8601 date/],
    ['from=2026-03-01T08:00:00&to=2026-03-31', /with a zone/],
    ['from=2026-03-31&to=2026-03-01', /"from" must be before "to"/],
    ['from=2026-03-01&to=2026-03-01', /"from" must be before "to"/],
    [`${PERIOD}&tier=4`, /tier must be 1, 2 or 3/],
    [`${PERIOD}&repeatWindowDays=0`, /repeatWindowDays/],
    [`${PERIOD}&format=xml`, /format/],
    [`${PERIOD}&colour=red`, /colour/],
    [`${PERIOD}&tag=a%2Cb`, /tag: a tag is letters and digits/],
    [`${PERIOD}&tag=%20`, /tag: a tag must not be blank/],
  ])('refuses the query "%s" with a readable 400', async (queryString, message) => {
    const answer = await call(server.url, 'GET', `/api/stats/summary?${queryString}`, supervisor);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_request' });
    expect(String(answer.body.message)).toMatch(message);
  });

  it('counts a ticket pushed through sync: the facts are kept on the normal write path', async () => {
    const before = await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, supervisor);
    const backlogBefore = await call(server.url, 'GET', `/api/stats/backlog?${PERIOD}`, supervisor);
    const args = makeCreateArgs({ category: '+network' });
    const { results } = await push(server.url, technician, [{ name: 'ticket:create', args }]);
    expect(results[0]?.status).toBe('applied');
    const after = await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, supervisor);
    expect(after.body.opened).toBe(Number(before.body.opened) + 1);
    const backlog = await call(server.url, 'GET', `/api/stats/backlog?${PERIOD}`, supervisor);
    expect(backlog.body.total).toBe(Number(backlogBefore.body.total) + 1);
    const categories = await call(server.url, 'GET', `/api/stats/categories?${PERIOD}&category=%2Bnetwork`, supervisor);
    expect(categories.body.rows).toEqual([expect.objectContaining({ category: '+network', total: 1 })]);
  });

  it('answers CSV as an attachment, RFC 4180, with formula cells neutralised', async () => {
    await push(server.url, technician, [{ name: 'ticket:create', args: makeCreateArgs({ category: '=cmd|calc' }) }]);
    const response = await fetch(`${server.url}/api/stats/categories?from=2020-01-06&to=2100-01-04&format=csv`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="meja-categories-2020-01-06-2100-01-04.csv"');
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]?.startsWith('category,total,isTrainingTopic,2020-W02,2020-W03,')).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^'=cmd\|calc,1,false,/));
    expect(lines.at(-1)).toBe('');

    const technicians = await fetch(`${server.url}/api/stats/technicians?${PERIOD}&format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    const text = await technicians.text();
    expect(text.split('\r\n')[0]).toBe(
      'id,name,resolved,reopenRate,repeatContactRate,medianResolutionHours,remoteSessionHours,confirmedResolutionRate,callerReopenRate,satisfactionScore,satisfactionMean,satisfactionAnswers,articlesPerResolvedTicket',
    );
    // The idle technician shows, with the display name neutralised and empty rates.
    expect(text).toMatch(/,'=Tina,0,,,,0,,,,,0,\r\n/);

    const summary = await (await fetch(`${server.url}/api/stats/summary?${PERIOD}&format=csv`, { headers: { authorization: `Bearer ${admin}` } })).text();
    const [header, current, previous] = summary.split('\r\n');
    expect(header).toBe(
      'period,from,to,opened,resolved,reopenRate,repeatContactRate,firstContactResolutionRate,escalationRate,medianResolutionHours,p90ResolutionHours,slaAttainment,confirmedResolutionRate,callerReopenRate,satisfactionScore,satisfactionMean,satisfactionAnswers,articlesPerResolvedTicket,selfHelpYes,selfHelpNo',
    );
    expect(current).toMatch(/^current,2020-01-01T00:00:00.000Z,2100-01-01T00:00:00.000Z,2,0,,,,0,,,,,,,,0,,0,0$/);
    expect(previous?.startsWith('previous,')).toBe(true);

    const backlog = await (await fetch(`${server.url}/api/stats/backlog?${PERIOD}&format=csv`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(backlog).toBe('tier,total,under1d,1to3d,3to7d,7to30d,over30d\r\n1,2,2,0,0,0,0\r\n2,0,0,0,0,0,0\r\n3,0,0,0,0,0,0\r\n');
  });

  it('filters by a tag set through sync, as typed or as stored, and forgets a tag taken off', async () => {
    const args = makeCreateArgs();
    const tagged = await push(server.url, technician, [
      { name: 'ticket:create', args },
      { name: 'ticket:tag', args: { id: args.id, add: ['VPN Client', 'laptop'] } },
    ]);
    expect(tagged.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const opened = async (tag: string) =>
      Number((await call(server.url, 'GET', `/api/stats/summary?${PERIOD}&tag=${encodeURIComponent(tag)}`, supervisor)).body.opened);
    expect(await opened('vpn-client')).toBe(1);
    expect(await opened(' VPN  client')).toBe(1);
    expect(await opened('laptop')).toBe(1);
    expect(await opened('printer')).toBe(0);
    await push(server.url, technician, [{ name: 'ticket:tag', args: { id: args.id, remove: ['vpn-client'] } }]);
    expect(await opened('vpn-client')).toBe(0);
    expect(await opened('laptop')).toBe(1);
    const categories = await call(server.url, 'GET', `/api/stats/categories?${PERIOD}&tag=laptop`, supervisor);
    expect(categories.body.rows).toEqual([expect.objectContaining({ category: args.category, total: 1 })]);
  });

  it('counts incidents linked to a problem through sync, forgets an unlinked one, and answers them as CSV', async () => {
    const [problem, first, second] = [makeCreateArgs({ title: 'Mail, down', category: 'email' }), makeCreateArgs(), makeCreateArgs()];
    const linked = await push(server.url, technician, [
      ...[problem, first, second].map((args) => ({ name: 'ticket:create', args })),
      { name: 'ticket:markProblem', args: { id: problem.id, isProblem: true } },
      { name: 'ticket:link', args: { id: first.id, otherId: problem.id, kind: 'problem' } },
      { name: 'ticket:link', args: { id: second.id, otherId: problem.id, kind: 'problem' } },
      { name: 'call:log', args: { ticketId: second.id, startedAt: '2026-03-02T09:00:00Z', endedAt: '2026-03-02T09:04:00Z' } },
    ]);
    expect(linked.results.map((r) => r.status)).toEqual(Array.from({ length: 7 }, () => 'applied'));
    const problems = async () => (await call(server.url, 'GET', `/api/stats/problems?${PERIOD}`, supervisor)).body;
    expect(await problems()).toMatchObject({
      rows: [{ id: problem.id, code: problem.code, title: 'Mail, down', category: 'email', incidents: 2, calls: 1 }],
      byCategory: [{ category: 'email', problems: 1, incidents: 2, calls: 1 }],
    });
    const csv = await (await fetch(`${server.url}/api/stats/problems?${PERIOD}&format=csv`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(csv).toBe(`id,code,title,category,incidents,calls\r\n${problem.id},${problem.code},"Mail, down",email,2,1\r\n`);
    await push(server.url, technician, [{ name: 'ticket:unlink', args: { id: problem.id, otherId: second.id } }]);
    expect(await problems()).toMatchObject({ rows: [{ id: problem.id, incidents: 1, calls: 0 }] });
  });

  it('says what the figures are compared with', async () => {
    const answer = await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, supervisor);
    // The period runs, so the compared one is the same elapsed part of the 80 years before.
    expect(answer.body.comparison).toEqual({ unit: 'period', isSoFar: true });
    const previous = answer.body.previous as { period: { from: string; to: string } };
    expect(previous.period.from).toBe('1940-01-01T00:00:00.000Z');
    expect(Date.parse(previous.period.to)).toBeLessThan(Date.parse('2020-01-01'));
  });
});
