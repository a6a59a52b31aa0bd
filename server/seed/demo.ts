import { randomUUID } from 'node:crypto';
import type { Tier } from '../../shared/domain/ticket';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { seededRandom } from '../../shared/seededRandom';
import { createUser } from '../auth/users';
import type { PublicUser } from '../../shared/domain/records';
import type { Applier } from '../sync/push';
import { applyMutationAs } from '../sync/pushQueue';
import { serverMutationId } from '../sync/serverChanges';
import { CALLER_ACTOR_ID } from '../../shared/domain/callerWord';
import { DEMO_ARTICLES } from './demoArticles';
import { seedDemoClasses } from './demoClasses';
import { DEMO_REPLIES } from './demoReplies';
import { DEMO_TICKETS } from './demoTickets';
import { drawCallerAnswer, seedDemoSelfHelp } from './demoWord';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_STAFF = [
  { username: 'tina', displayName: 'Tina Tamm', role: 'technician', tier: 1 },
  { username: 'tomas', displayName: 'Tomás Rivera', role: 'technician', tier: 1 },
  { username: 'sam', displayName: 'Sam Okoye', role: 'technician', tier: 2 },
  { username: 'rita', displayName: 'Rita Halvorsen', role: 'technician', tier: 3 },
  { username: 'sue', displayName: 'Sue Marsh', role: 'supervisor', tier: null },
] as const;

/** `tickets`: every ticket the demo seeded, the classes' history among them. */
export type DemoSummary = { created: boolean; tickets: number; logins: string[] };

const MINUTE = 60_000;

/**
 * Seeds demo staff, the supervisor's canned replies, knowledge-base articles, about sixty tickets of the last thirty
 * days and two training classes (a past one with its attendance, and one next week), each worked through the same mutation path the consoles use, so timelines, statistics and
 * the change feed are consistent.
 * Does nothing if the database already has tickets.
 */
export const seedDemo = async (applier: Applier, ticketCount = 60): Promise<DemoSummary> => {
  const logins = DEMO_STAFF.map((s) => `${s.username} (${s.role === 'technician' ? `tier ${s.tier} technician` : s.role})`);
  const existing = await applier.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return { created: false, tickets: 0, logins };

  const staff = new Map<string, PublicUser>();
  for (const member of DEMO_STAFF) {
    const found = await applier.db.selectFrom('users').select('id').where('username', '=', member.username).executeTakeFirst();
    if (found !== undefined) continue;
    staff.set(member.username, await createUser(applier.db, applier.kind, { ...member, password: DEMO_PASSWORD, tier: member.tier }));
  }
  const idOf = async (username: string): Promise<string> =>
    staff.get(username)?.id ?? (await applier.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const ids = { tina: await idOf('tina'), tomas: await idOf('tomas'), sam: await idOf('sam'), rita: await idOf('rita'), sue: await idOf('sue') };
  const tierOne = [ids.tina, ids.tomas];

  // Deterministic, so every demo looks the same.
  const random = seededRandom(20_261_128);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const now = Date.now();
  // The callers' answers draw from their own sequence, so the rest of the demo stays as it was.
  const answers = seededRandom(20_261_207);
  const act = async (actorId: string, at: number, name: string, args: unknown, id: string = randomUUID()) => {
    const isServer = actorId === CALLER_ACTOR_ID;
    const result = await applyMutationAs(applier, 'demo-seed', actorId, { id, name, args }, new Date(Math.min(at, now)).toISOString(), isServer);
    // The script only does what the rules allow; a refusal means the seed (or a rule) is wrong.
    if (result.status !== 'applied') throw new Error(`Demo seed: ${name} was ${result.status}: ${result.error?.message ?? ''}`);
  };

  for (const reply of DEMO_REPLIES) await act(ids.sue, now - 30 * 24 * 60 * MINUTE, 'reply:save', { id: randomUUID(), ...reply });
  // Articles by category, for the tickets solved with one below.
  const articleOf = new Map<string, string>();
  const publicArticles: string[] = [];
  for (const [index, article] of DEMO_ARTICLES.entries()) {
    const id = randomUUID();
    const writtenAt = now - (29 - index) * 24 * 60 * MINUTE;
    const { draft, edit, ...fields } = article;
    await act(ids.tina, writtenAt, 'article:create', { id, ...fields });
    if (draft === true) continue;
    await act(ids.sue, writtenAt + 60 * MINUTE, 'article:publish', { id });
    if (edit !== undefined) await act(ids.sam, writtenAt + 24 * 60 * MINUTE, 'article:update', { id, baseVersion: 2, ...edit });
    articleOf.set(article.category, id);
    if (article.visibility === 'public') publicArticles.push(id);
  }

  for (let i = 0; i < ticketCount; i += 1) {
    const template = DEMO_TICKETS[i % DEMO_TICKETS.length] ?? pick(DEMO_TICKETS);
    const ageMinutes = Math.floor(random() * 30 * 24 * 60 * (i < 12 ? 0.05 : 1));
    let at = now - ageMinutes * MINUTE;
    const id = randomUUID();
    const taker = pick(tierOne);
    const step = (minutes: number) => (at += Math.max(1, Math.floor(minutes * (0.5 + random()))) * MINUTE);
    await act(taker, at, 'ticket:create', {
      id,
      code: makeTicketCode(randomBytes),
      title: template.title,
      description: template.description,
      requester: { name: template.requester, contact: template.contact },
      category: template.category,
      priority: template.priority,
      channel: template.channel,
    });
    if (template.tags !== undefined) await act(taker, at, 'ticket:tag', { id, add: template.tags });
    const fate = random();
    if (fate < 0.15 || at + 30 * MINUTE > now) continue; // still new, waiting in the queue
    // Taking it opens it.
    await act(taker, step(8), 'ticket:assign', { id, assigneeId: taker });
    let owner = taker;
    if (random() < 0.35) {
      const tier: Tier = random() < 0.7 ? 2 : 3;
      await act(taker, step(25), 'ticket:escalate', {
        id,
        toTier: tier,
        reason: tier === 2 ? 'Needs admin rights on the server side.' : 'Looks like a vendor or infrastructure fault.',
      });
      owner = tier === 2 ? ids.sam : ids.rita;
      if (random() < 0.8) await act(owner, step(40), 'ticket:assign', { id, assigneeId: owner });
    }
    if (random() < 0.5)
      await act(owner, step(15), 'note:add', {
        id: randomUUID(),
        ticketId: id,
        body: 'Checked the event log; no related errors on the client.',
        visibility: 'internal',
      });
    if (random() < 0.3) {
      const sessionId = randomUUID();
      const startedAt = step(10);
      const steps = [
        { at: new Date(startedAt + 2 * MINUTE).toISOString(), text: 'Connected, caller confirmed the symptom.' },
        { at: new Date(startedAt + 9 * MINUTE).toISOString(), text: 'Applied the fix and restarted the service.' },
      ];
      const endedAt = step(20);
      if (endedAt < now) {
        await act(owner, endedAt, 'session:save', {
          id: sessionId,
          ticketId: id,
          tool: pick(['rdp', 'teamviewer', 'anydesk', 'on-site'] as const),
          target: `PC-${1000 + Math.floor(random() * 9000)}`,
          startedAt: new Date(startedAt).toISOString(),
          endedAt: new Date(endedAt).toISOString(),
          consent: true,
          steps,
          outcome: 'resolved',
        });
      }
    }
    if (fate < 0.3) {
      await act(owner, step(30), 'ticket:transition', { id, from: 'open', to: 'pending' });
      continue;
    }
    if (fate < 0.45) continue; // open, being worked
    await act(owner, step(60), 'note:add', { id: randomUUID(), ticketId: id, body: 'Fixed — please tell us if it happens again.', visibility: 'public' });
    // Every third resolved ticket whose category has a published article was solved with it.
    const article = articleOf.get(template.category);
    if (article !== undefined && i % 3 === 0) await act(owner, at, 'ticket:linkArticle', { ticketId: id, articleId: article });
    const resolvedAt = new Date(Math.min(step(1), now)).toISOString();
    await act(owner, Date.parse(resolvedAt), 'ticket:transition', { id, from: 'open', to: 'resolved', resolution: template.resolution });
    // Callers answer about two in three resolutions on /track, mostly content; a No reopens the ticket.
    const said = drawCallerAnswer(answers, fate <= 0.9 && at + 4 * 60 * MINUTE < now);
    if (said !== null) {
      await act(CALLER_ACTOR_ID, step(3 * 60), 'ticket:callerAnswer', { id, resolvedAt, ...said }, serverMutationId('answer', id, resolvedAt));
      if (!said.solved) continue;
    }
    if (fate > 0.9) {
      await act(owner, step(24 * 60), 'ticket:transition', { id, from: 'resolved', to: 'open' });
      continue;
    }
    if (now - at > 3 * 24 * 60 * MINUTE) await act(owner, step(3 * 24 * 60), 'ticket:transition', { id, from: 'resolved', to: 'closed' });
  }
  await seedDemoClasses(act, { tina: ids.tina, sam: ids.sam }, articleOf, now);
  await seedDemoSelfHelp(applier.db, publicArticles, now);
  const seeded = await applier.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { created: true, tickets: Number(seeded.n), logins };
};
