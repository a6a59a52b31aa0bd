import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases';
import { cacheState, pullAll } from '../support/syncClient';
import { useSyncDesk } from '../support/syncDesk';

const PASSWORD = 'articles-password';

describe.each(DATABASE_KINDS)('knowledge-base articles over sync on %s', (kind) => {
  const desk = useSyncDesk(kind, [
    { username: 'tina', password: PASSWORD, displayName: 'Tina', role: 'technician', tier: 1 },
    { username: 'budi', password: PASSWORD, displayName: 'Budi', role: 'technician', tier: 2 },
  ]);
  const { client, push, pullWorkingSet } = desk;
  const articleRow = (id: string) => desk.server.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  const versionRows = (id: string) =>
    desk.server.db.selectFrom('article_versions').select(['id', 'version', 'actor_id']).where('article_id', '=', id).orderBy('version').execute();

  it('a technician drafts an article offline and publishes it online; every console and the server hold it and its history', async () => {
    const tina = await client('tina');
    const budi = await client('budi');
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await budi.engine.syncNow()).ok).toBe(true);

    tina.faults.offline = true;
    const id = randomUUID();
    const draft = { id, title: 'Reset a VPN token', body: '1. Open **Settings**', category: 'network', tags: ['VPN'], visibility: 'public' };
    expect(await tina.mutate('article:create', draft)).toEqual({ ok: true, value: { queued: true } });
    expect(await tina.mutate('article:update', { id, baseVersion: 1, body: '1. Open **Settings**\n2. Tap *Reset*' })).toEqual({
      ok: true,
      value: { queued: true },
    });
    // Offline, her own console shows the draft at once, with both versions.
    expect(await tina.db.articles.get(id)).toMatchObject({ status: 'draft', version: 2, tags: ['vpn'] });
    expect(await tina.db.articleVersions.where('[articleId+version]').between([id, 0], [id, Infinity]).count()).toBe(2);
    tina.faults.offline = false;
    expect(await tina.engine.syncNow()).toMatchObject({ ok: true, pushed: 2 });
    expect(await articleRow(id)).toMatchObject({ status: 'draft', version: 2, visibility: 'public', tags: '["vpn"]' });

    expect(await tina.mutate('article:publish', { id })).toEqual({ ok: true, value: { queued: true } });
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect(await articleRow(id)).toMatchObject({ status: 'published', version: 3 });
    expect(await versionRows(id)).toEqual([
      { id: `${id}:v1`, version: 1, actor_id: tina.user.id },
      { id: `${id}:v2`, version: 2, actor_id: tina.user.id },
      { id: `${id}:v3`, version: 3, actor_id: tina.user.id },
    ]);

    expect((await budi.engine.syncNow()).ok).toBe(true);
    expect(await budi.db.articles.get(id)).toMatchObject({ title: 'Reset a VPN token', status: 'published', version: 3, authorId: tina.user.id });
    expect((await budi.db.articleVersions.get(`${id}:v1`))?.body).toBe('1. Open **Settings**');
    const everything = await pullAll(desk.server.url, budi.token);
    for (const console of [tina, budi]) expect(await cacheState(console.db)).toEqual(everything);
    // Articles are about no ticket: they are in every working set, Budi's too, who has no tickets at all.
    const working = await pullWorkingSet(budi.token);
    for (const key of [`article/${id}`, `articleVersion/${id}:v1`, `articleVersion/${id}:v3`]) expect(working).toContain(key);
  });

  it('refuses the second of two edits from the same version, with the current article, and keeps the first one’s words', async () => {
    const tina = await client('tina');
    const budi = await client('budi');
    const id = randomUUID();
    expect(
      (await tina.mutate('article:create', { id, title: 'Printer jams', body: 'Open tray 2.', category: 'printing', tags: [], visibility: 'internal' })).ok,
    ).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await budi.engine.syncNow()).ok).toBe(true);

    budi.faults.offline = true;
    expect(await budi.mutate('article:update', { id, baseVersion: 1, body: 'Budi’s steps' })).toEqual({ ok: true, value: { queued: true } });
    expect(await tina.mutate('article:update', { id, baseVersion: 1, body: 'Tina’s steps' })).toEqual({ ok: true, value: { queued: true } });
    expect((await tina.engine.syncNow()).ok).toBe(true);
    budi.faults.offline = false;
    expect((await budi.engine.syncNow()).ok).toBe(true);

    const [rejected] = await budi.db.rejected.toArray();
    expect(rejected).toMatchObject({
      name: 'article:update',
      args: { id, baseVersion: 1, body: 'Budi’s steps' },
      error: { code: 'conflict', current: { id, version: 2, body: 'Tina’s steps', updatedBy: tina.user.id } },
    });
    // Budi's console shows the server's article again, not his refused words.
    expect(await budi.db.articles.get(id)).toMatchObject({ version: 2, body: 'Tina’s steps' });
    expect(await articleRow(id)).toMatchObject({ version: 2, body: 'Tina’s steps', updated_by: tina.user.id });
    expect((await versionRows(id)).map((row) => row.version)).toEqual([1, 2]);
  });

  it('links an article to a ticket as an event on its timeline, and refuses bad input with a clear reason', async () => {
    const tina = await client('tina');
    const ticketId = randomUUID();
    const articleId = randomUUID();
    const created = await tina.mutate('ticket:create', {
      id: ticketId,
      code: 'ABCD-EFGH',
      title: 'VPN token expired',
      description: '',
      requester: { name: 'Greta' },
      category: 'network',
      priority: 'normal',
      channel: 'phone',
    });
    expect(created.ok).toBe(true);
    expect(
      (await tina.mutate('article:create', { id: articleId, title: 'Reset a token', body: 'Steps', category: 'network', tags: [], visibility: 'internal' })).ok,
    ).toBe(true);
    expect(await tina.mutate('ticket:linkArticle', { ticketId, articleId })).toEqual({ ok: true, value: { queued: true } });
    expect((await tina.engine.syncNow()).ok).toBe(true);

    const events = await desk.server.db
      .selectFrom('ticket_events')
      .select(['type', 'data', 'actor_id'])
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'article_linked')
      .execute();
    expect(events).toEqual([{ type: 'article_linked', data: JSON.stringify({ articleId }), actor_id: tina.user.id }]);
    const state = await pullAll(desk.server.url, tina.token);
    expect(state.get(`ticket/${ticketId}`)).toMatchObject({ articles: [articleId] });

    expect((await push(tina.token, 'ticket:linkArticle', { ticketId, articleId: 'no-such-article' })).results[0]?.error).toEqual({
      code: 'not_found',
      message: 'No article with id no-such-article.',
    });
    expect(
      (await push(tina.token, 'article:create', { id: randomUUID(), title: ' ', body: '', category: 'x', tags: [], visibility: 'internal' })).results[0]?.error,
    ).toEqual({
      code: 'invalid_args',
      message: 'Invalid article:create: title: must not be blank',
    });
    expect((await push(tina.token, 'article:update', { id: articleId, baseVersion: 7, title: 'Stale' })).results[0]?.error).toMatchObject({
      code: 'conflict',
      current: { id: articleId, version: 1, title: 'Reset a token' },
    });
  });
});
