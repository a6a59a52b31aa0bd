import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import type { RemoteSession, SessionOutcome, SessionTool } from '../../shared/domain/records';

export type SessionSaveArgs = MutationArgsMap['session:save'];

/** What the technician fills in before a session starts. */
export type StartInput = { tool: SessionTool; target: string; consent: boolean };

export type StartRefusal = 'targetRequired' | 'consentRequired' | 'alreadyRunning';

/**
 * Every remote tool needs the caller's explicit consent before we touch their machine. On an
 * on-site visit the caller letting the technician to the desk is the consent, so the box there
 * only records whether the caller was present; it is not required.
 */
export const isConsentRequired = (tool: SessionTool): boolean => tool !== 'on-site';

export const isRunning = (session: Pick<RemoteSession, 'endedAt'>): boolean => session.endedAt === null;

/** This technician's running session on the ticket, if any: there is at most one (the start form enforces it). */
export const runningSessionOf = (sessions: readonly RemoteSession[], technicianId: string): RemoteSession | null =>
  sessions.find((session) => isRunning(session) && session.technicianId === technicianId) ?? null;

/** Why a session may not start yet, or null when it may. */
export const startRefusal = (input: StartInput, hasRunning: boolean): StartRefusal | null => {
  if (hasRunning) return 'alreadyRunning';
  if (input.target.trim() === '') return 'targetRequired';
  if (isConsentRequired(input.tool) && !input.consent) return 'consentRequired';
  return null;
};

/** The `session:save` arguments for a session as it now stands: the rule takes the whole session each time. */
export const toSaveArgs = (session: Omit<RemoteSession, 'technicianId' | 'updatedAt'>): SessionSaveArgs => ({
  id: session.id,
  ticketId: session.ticketId,
  tool: session.tool,
  target: session.target,
  startedAt: session.startedAt,
  endedAt: session.endedAt,
  consent: session.consent,
  steps: session.steps,
  outcome: session.outcome,
});

export const newSession = (id: string, ticketId: string, input: StartInput, now: string): SessionSaveArgs =>
  toSaveArgs({ id, ticketId, tool: input.tool, target: input.target.trim(), consent: input.consent, startedAt: now, endedAt: null, steps: [], outcome: null });

/** The session with one more step; null when the text is blank (Enter on an empty line adds nothing). */
export const withStep = (session: RemoteSession, text: string, now: string): SessionSaveArgs | null => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return toSaveArgs({ ...session, steps: [...session.steps, { at: now, text: trimmed }] });
};

export const ended = (session: RemoteSession, outcome: SessionOutcome, now: string): SessionSaveArgs => toSaveArgs({ ...session, endedAt: now, outcome });

/** The ticket's sessions newest first; the list below the running session shows them. */
export const newestFirst = (sessions: readonly RemoteSession[]): RemoteSession[] =>
  [...sessions].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
