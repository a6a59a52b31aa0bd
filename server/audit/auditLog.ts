import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/records';
import type { LoginLimit } from '../auth/loginLimits';
import type { Db } from '../db/connect';

/** Why a login failed. Only admins read the log, so it may say what the login answer must not. */
export type LoginFailure = 'unknown_user' | 'wrong_password' | 'inactive';

/** The reason of a refused login, from the account found under the name (if any) and the password check. */
export const loginFailure = (account: { active: number } | undefined, isPasswordValid: boolean): LoginFailure => {
  if (account === undefined) return 'unknown_user';
  return isPasswordValid ? 'inactive' : 'wrong_password';
};

/**
 * The detail each action carries, spelled out per action so that nothing else (a request body,
 * a password, a token) can end up in the log by accident.
 */
type AuditDetails = {
  login: null;
  login_failed: { reason: LoginFailure };
  /** The first sign-in refused with 429 since that limit's bucket was last full; later refusals are not recorded. */
  login_throttled: { limit: LoginLimit };
  logout: null;
  user_created: { username: string; role: Role; tier: number | null };
  user_renamed: { username: string; from: string; to: string };
  user_role_changed: { username: string; from: { role: Role; tier: number | null }; to: { role: Role; tier: number | null } };
  user_deactivated: { username: string; sessionsRevoked: number };
  user_reactivated: { username: string };
  /** Never the password or its hash: only who, and how many sessions the reset ended. */
  user_password_reset: { username: string; sessionsRevoked: number };
  stats_exported: { from: string; to: string; tier?: number; category?: string; technicianId?: string };
  import: {
    format: string;
    bytes: number;
    rows: number;
    tickets: number;
    created: number;
    updated: number;
    unchanged: number;
    techniciansCreated: number;
    skipped: number;
  };
};

export type AuditAction = keyof AuditDetails;

/**
 * What happened, who did it (null: nobody signed in) and to what: the username tried or signed in
 * with, the id of the user created or changed, the statistics report exported, the import format.
 */
export type AuditFact = { [A in AuditAction]: { action: A; actorId: string | null; subject: string; detail: AuditDetails[A] } }[AuditAction];

/** A fact and the client address it came from (null: not over HTTP). */
export type AuditEntry = AuditFact & { address: string | null };

/** One entry as the admin API answers it; `at` is ISO 8601 (server time). */
export type AuditRecord = {
  id: number;
  at: string;
  actorId: string | null;
  action: AuditAction;
  subject: string;
  address: string | null;
  detail: Record<string, unknown> | null;
};

export const recordAudit = async (db: Db, entry: AuditEntry, at = Date.now()): Promise<void> => {
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      address: entry.address,
      detail: entry.detail === null ? null : JSON.stringify(entry.detail),
    })
    .execute();
};

/**
 * Records a fact from a route, after the action itself has succeeded (or, for a failed login,
 * been refused). A failure to write the entry is logged at error level and does not fail the
 * request: the action has already happened, so a 500 would misreport it (a created user retried
 * as "taken"), and an audit outage must not lock everyone out of signing in.
 */
export const auditRequest = async (db: Db, request: FastifyRequest, fact: AuditFact): Promise<void> => {
  try {
    await recordAudit(db, { ...fact, address: request.ip });
  } catch (error) {
    request.log.error({ err: error, audit: { action: fact.action, actorId: fact.actorId, subject: fact.subject } }, 'audit log: could not record an entry');
  }
};

/**
 * Entries newest first (by id, which grows with every entry), those older than `before` if given.
 * `next` is the `before` of the following page, null on the last one.
 */
export const readAudit = async (
  db: Db,
  { before, limit }: { before?: number | undefined; limit: number },
): Promise<{ entries: AuditRecord[]; next: string | null }> => {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (before !== undefined) query = query.where('id', '<', before);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const entries = page.map((row): AuditRecord => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    // Only values of AuditAction are ever written.
    action: row.action as AuditAction,
    subject: row.subject,
    address: row.address,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));
  const last = page.at(-1);
  return { entries, next: rows.length > limit && last !== undefined ? String(last.id) : null };
};
