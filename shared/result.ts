/** A value or a reason, for rules that refuse rather than throw. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/**
 * Why a rule refused. `code` is stable and machine-readable (clients branch on it);
 * `message` is for people. `current` carries the server's state on a conflict.
 */
export type DomainError = {
  code: DomainErrorCode;
  message: string;
  current?: unknown;
};

export type DomainErrorCode =
  | 'invalid_args'
  | 'not_found'
  | 'already_exists'
  | 'conflict'
  | 'invalid_transition'
  | 'resolution_required'
  | 'invalid_escalation'
  | 'code_taken'
  | 'invalid_assignee'
  | 'too_many_tags'
  | 'link_to_self'
  | 'already_linked'
  | 'too_many_links'
  | 'duplicate_of_duplicate'
  | 'already_duplicate'
  | 'has_duplicates'
  | 'problem_cannot_be_duplicate'
  | 'not_a_problem'
  | 'problem_cannot_be_incident'
  | 'already_incident'
  | 'incident_cannot_be_problem'
  | 'duplicate_cannot_be_problem'
  | 'problem_has_incidents'
  /** Attendance of a class is marked once it has started. */
  | 'class_not_started'
  /** The upload is attached to another ticket or note already (an upload is attached once). */
  | 'already_attached'
  | 'too_many_attachments'
  | 'unknown_mutation'
  | 'forbidden'
  /** A console's own cache could not store a change (full, closed): nothing was kept or sent. Never from the server. */
  | 'not_saved';

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = (code: DomainErrorCode, message: string, current?: unknown): Result<never> =>
  current === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, current } };
