import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http';
import { storageFaultOf } from './storageFault';

/** The error better-sqlite3 itself throws for a write the database refuses. */
const sqliteErrorOf = (setup: (db: Database.Database) => void): unknown => {
  const db = new Database(':memory:');
  try {
    db.exec('create table t (v text)');
    setup(db);
    for (let i = 0; i < 100; i += 1) db.prepare('insert into t (v) values (?)').run('x'.repeat(2000));
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
};

describe('storageFaultOf', () => {
  it('recognises the errors SQLite raises for a full disk and a read-only database', () => {
    expect(storageFaultOf(sqliteErrorOf((db) => db.pragma(`max_page_count = ${String(db.pragma('page_count', { simple: true }))}`)))).toEqual({
      fault: 'disk-full',
      code: 'SQLITE_FULL',
    });
    expect(storageFaultOf(sqliteErrorOf((db) => db.pragma('query_only = 1')))).toEqual({ fault: 'read-only', code: 'SQLITE_READONLY' });
  });

  it.each([
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_READONLY_ROLLBACK', 'read-only'],
    ['SQLITE_IOERR_WRITE', 'disk-full'],
    ['SQLITE_IOERR_FSYNC', 'disk-full'],
    ['SQLITE_IOERR_SHMSIZE', 'disk-full'],
    ['53100', 'disk-full'],
    ['25006', 'read-only'],
  ])('classifies %s as %s', (code, fault) => {
    expect(storageFaultOf(Object.assign(new Error('refused'), { code }))).toEqual({ fault, code });
  });

  it('finds the code on a wrapped error', () => {
    const wrapped = new Error('push failed', { cause: Object.assign(new Error('could not extend file'), { code: '53100' }) });
    expect(storageFaultOf(wrapped)).toEqual({ fault: 'disk-full', code: '53100' });
  });

  it.each([
    'SQLITE_CONSTRAINT_UNIQUE',
    'SQLITE_BUSY',
    'SQLITE_IOERR',
    'SQLITE_IOERR_READ',
    'SQLITE_CANTOPEN',
    'SQLITE_CORRUPT',
    '23505',
    '40001',
    '53200',
    '53300',
    'FST_ERR_CTP_INVALID_JSON_BODY',
  ])('leaves %s alone (a fault of the server, a conflict or bad input)', (code) => {
    expect(storageFaultOf(Object.assign(new Error('other'), { code }))).toBeNull();
  });

  it('leaves errors without a database code alone', () => {
    expect(storageFaultOf(new HttpError(400, 'invalid_request', 'bad'))).toBeNull();
    expect(storageFaultOf(new Error('plain'))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error('numeric'), { code: 53100 }))).toBeNull();
    expect(storageFaultOf('SQLITE_FULL')).toBeNull();
    expect(storageFaultOf(null)).toBeNull();
    expect(storageFaultOf(undefined)).toBeNull();
  });
});
