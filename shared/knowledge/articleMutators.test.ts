import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { applyMutation, mutationReads, parseMutation } from '../domain/mutate';
import type { StateReader, Write } from '../domain/mutators';
import type { Result } from '../result';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { restoreArgs, type Article, type ArticleVersion } from './article';

const now = '2026-03-02T10:00:00.000Z';

/** A store the rules read and their writes land in, as a console's cache or the server's feed. */
const store = (...records: Array<[EntityName, AnyEntity]>) => {
  const map = new Map(records.map(([entity, record]) => [entityKey(entity, record.id), record]));
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => map.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  let count = 0;
  const run = (actorId: string, name: string, args: unknown): Result<Write[]> => {
    const parsed = parseMutation(name, args);
    if (!parsed.ok) return parsed;
    count += 1;
    const result = applyMutation(parsed.value, read, { mutationId: `m-${count}`, actorId, now });
    if (result.ok) for (const write of result.value) if (write.data !== null) map.set(entityKey(write.entity, write.id), write.data);
    return result;
  };
  const article = (id: string): Article | undefined => read('article', id);
  const version = (id: string, n: number): ArticleVersion | undefined => read('articleVersion', `${id}:v${n}`);
  return { read, run, article, version };
};

const draft = {
  id: 'a1',
  title: '  Reset a VPN token ',
  body: '1. Open **Settings**',
  category: ' network ',
  tags: ['VPN', ' vpn', 'Token'],
  visibility: 'internal',
};

describe('article:create', () => {
  it('creates a draft at version 1, trimmed, tags normalised and sorted, with its first history entry', () => {
    const s = store();
    const result = s.run('tina', 'article:create', draft);
    expect(result.ok).toBe(true);
    const article = {
      id: 'a1',
      title: 'Reset a VPN token',
      body: '1. Open **Settings**',
      category: 'network',
      tags: ['token', 'vpn'],
      visibility: 'internal',
      status: 'draft',
      version: 1,
      authorId: 'tina',
      createdAt: now,
      updatedBy: 'tina',
      updatedAt: now,
      publishedAt: null,
    };
    expect(s.article('a1')).toEqual(article);
    expect(s.version('a1', 1)).toEqual({
      id: 'a1:v1',
      articleId: 'a1',
      version: 1,
      actorId: 'tina',
      at: now,
      change: 'created',
      changed: ['title', 'body', 'category', 'tags', 'visibility'],
      restoredFrom: null,
      title: article.title,
      body: article.body,
      category: article.category,
      tags: article.tags,
      visibility: 'internal',
      status: 'draft',
    });
  });

  it('refuses an id taken, and says which field is wrong in bad input', () => {
    const s = store();
    expect(s.run('tina', 'article:create', draft).ok).toBe(true);
    expect(s.run('tina', 'article:create', draft)).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(s.run('tina', 'article:create', { ...draft, id: 'a2', title: '  ' })).toEqual({
      ok: false,
      error: { code: 'invalid_args', message: 'Invalid article:create: title: must not be blank' },
    });
    expect(s.run('tina', 'article:create', { ...draft, id: 'a2', visibility: 'secret' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', message: expect.stringContaining('visibility') },
    });
    expect(s.run('tina', 'article:create', { ...draft, id: 'a2', tags: ['a,b'] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('tags.0: a tag is letters and digits') },
    });
    expect(s.run('tina', 'article:create', { ...draft, id: 'a2', status: 'published' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(s.run('tina', 'article:create', { ...draft, id: 'a2', body: 'x'.repeat(100_001) })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('body: at most 100000') },
    });
  });
});

describe('article:update', () => {
  it('changes the named fields from the current version, one version more, and records who changed what', () => {
    const s = store();
    s.run('tina', 'article:create', draft);
    const result = s.run('budi', 'article:update', { id: 'a1', baseVersion: 1, body: '1. Open **Settings**\n2. Tap *Reset*', tags: ['vpn', 'token'] });
    expect(result.ok).toBe(true);
    expect(s.article('a1')).toMatchObject({
      body: '1. Open **Settings**\n2. Tap *Reset*',
      version: 2,
      authorId: 'tina',
      updatedBy: 'budi',
      title: 'Reset a VPN token',
    });
    // Tags in another order are the same set: only the body changed.
    expect(s.version('a1', 2)).toMatchObject({ version: 2, actorId: 'budi', change: 'edited', changed: ['body'], restoredFrom: null });
    expect(s.version('a1', 1)).toMatchObject({ body: '1. Open **Settings**' });
  });

  it('refuses a stale base version as a conflict carrying the current article, and writes nothing', () => {
    const s = store();
    s.run('tina', 'article:create', draft);
    expect(s.run('budi', 'article:update', { id: 'a1', baseVersion: 1, title: 'Budi’s title' }).ok).toBe(true);
    const current = s.article('a1');
    const second = s.run('tina', 'article:update', { id: 'a1', baseVersion: 1, title: 'Tina’s title' });
    expect(second).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The article is at version 2 now, not 1: someone else saved it meanwhile.', current },
    });
    expect(s.article('a1')).toEqual(current);
    expect(s.version('a1', 3)).toBeUndefined();
    // A base from the future is just as stale.
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 9, title: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('writes nothing when nothing changes, and refuses an unknown article or an update that names no field', () => {
    const s = store();
    s.run('tina', 'article:create', draft);
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 1, title: 'Reset a VPN token ' })).toEqual({ ok: true, value: [] });
    expect(s.run('tina', 'article:update', { id: 'nope', baseVersion: 1, title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', message: expect.stringContaining('change at least one of') },
    });
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 0, title: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 1, status: 'published' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('restores an earlier version: its fields come back as a new version that says which one it restored', () => {
    const s = store();
    s.run('tina', 'article:create', draft);
    s.run('budi', 'article:update', { id: 'a1', baseVersion: 1, title: 'Wrong', visibility: 'public' });
    const current = s.article('a1');
    const first = s.version('a1', 1);
    if (current === undefined || first === undefined) throw new Error('missing');
    const args = restoreArgs(current, first);
    expect(args).toEqual({ id: 'a1', baseVersion: 2, restoredFrom: 1, title: 'Reset a VPN token', visibility: 'internal' });
    expect(s.run('tina', 'article:update', args).ok).toBe(true);
    expect(s.article('a1')).toMatchObject({ title: 'Reset a VPN token', visibility: 'internal', version: 3 });
    expect(s.version('a1', 3)).toMatchObject({ change: 'restored', restoredFrom: 1, changed: ['title', 'visibility'], actorId: 'tina' });
    const restored = s.article('a1');
    if (restored === undefined) throw new Error('missing');
    expect(restoreArgs(restored, first)).toBeNull();
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 3, title: 'x', restoredFrom: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
  });
});

describe('article:publish', () => {
  it('publishes a draft as a new version, keeps it published through edits, and a repeat changes nothing', () => {
    const s = store();
    s.run('tina', 'article:create', draft);
    expect(s.run('sue', 'article:publish', { id: 'a1' }).ok).toBe(true);
    expect(s.article('a1')).toMatchObject({ status: 'published', version: 2, publishedAt: now, updatedBy: 'sue' });
    expect(s.version('a1', 2)).toMatchObject({ change: 'published', changed: [], status: 'published', actorId: 'sue' });
    expect(s.run('sue', 'article:publish', { id: 'a1' })).toEqual({ ok: true, value: [] });
    expect(s.run('tina', 'article:update', { id: 'a1', baseVersion: 2, body: 'New' }).ok).toBe(true);
    expect(s.article('a1')).toMatchObject({ status: 'published', version: 3, body: 'New' });
    expect(s.run('sue', 'article:publish', { id: 'ghost' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.run('sue', 'article:publish', { id: 'a1', baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});

describe('ticket:linkArticle', () => {
  it('lists the article on the ticket and says so on its timeline, once', () => {
    const ticket = makeTicket({ id: 't1' });
    const s = store(['ticket', ticket]);
    s.run('tina', 'article:create', draft);
    const result = s.run('tina', 'ticket:linkArticle', { ticketId: 't1', articleId: 'a1' });
    expect(result).toEqual({
      ok: true,
      value: [
        { entity: 'ticket', id: 't1', data: { ...ticket, articles: ['a1'], updatedAt: now } },
        { entity: 'event', id: 'm-2:0', data: { id: 'm-2:0', ticketId: 't1', actorId: 'tina', at: now, type: 'article_linked', data: { articleId: 'a1' } } },
      ],
    });
    expect(s.run('tina', 'ticket:linkArticle', { ticketId: 't1', articleId: 'a1' })).toEqual({ ok: true, value: [] });
  });

  it('refuses an unknown ticket or article, and reads both', () => {
    const s = store(['ticket', makeTicket({ id: 't1' })]);
    expect(s.run('tina', 'ticket:linkArticle', { ticketId: 't1', articleId: 'a1' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No article with id a1.' },
    });
    expect(s.run('tina', 'ticket:linkArticle', { ticketId: 't9', articleId: 'a1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const parsed = parseMutation('ticket:linkArticle', { ticketId: 't1', articleId: 'a1' });
    if (!parsed.ok) throw new Error('should parse');
    expect(mutationReads(parsed.value, 'tina')).toEqual([
      { entity: 'ticket', id: 't1' },
      { entity: 'article', id: 'a1' },
    ]);
  });
});
