import type { TFunction } from 'i18next';
import type { RejectedChange } from '../../shared/sync/localStore';
import type { SlaState } from '../../shared/domain/sla';
import { TAG_LIMITS } from '../../shared/domain/tags';
import { LIMITS, STATUSES, type Channel, type Priority, type Status, type Tier } from '../../shared/domain/ticket';

/** The ticket namespace's `t`; pure helpers take it so they stay testable with a real i18next instance. */
export type TicketT = TFunction<'ticket'>;

export const statusLabel = (t: TicketT, status: Status): string => t(`status.${status}`);
export const priorityLabel = (t: TicketT, priority: Priority): string => t(`priority.${priority}`);
export const slaLabel = (t: TicketT, state: SlaState): string => t(`sla.state.${state}`);
export const tierLabel = (t: TicketT, tier: Tier | number): string => t('tier', { tier });
export const numberLabel = (t: TicketT, ticketNumber: number | null): string =>
  ticketNumber === null ? t('notSynced') : t('number', { number: ticketNumber });

/** Channels outside the known four (imports) show as they are stored. */
export const channelLabel = (t: TicketT, channel: Channel | string): string => {
  switch (channel) {
    case 'phone':
    case 'email':
    case 'walk-in':
    case 'self-service':
      return t(`channel.${channel}`);
    default:
      return channel;
  }
};

/** The verb on the button that moves a ticket from `from` to `to`. */
export const transitionLabel = (t: TicketT, from: Status, to: Status): string => {
  if (to === 'open') return t(from === 'new' ? 'actions.markOpen' : from === 'pending' ? 'actions.resume' : 'actions.reopen');
  if (to === 'pending') return t('actions.setPending');
  if (to === 'resolved') return t('actions.resolve');
  if (to === 'closed') return t('actions.close');
  return statusLabel(t, to);
};

const isStatus = (value: unknown): value is Status => STATUSES.some((status) => status === value);

const currentStatus = (current: unknown): Status | null => {
  if (typeof current !== 'object' || current === null || !('status' in current)) return null;
  return isStatus(current.status) ? current.status : null;
};

/**
 * A refusal in the chosen language. The rules word their refusals in English for logs and the API;
 * the ones a technician meets at the desk are rebuilt here from the error's code and the server's
 * record. Anything else is shown as the rules worded it, never hidden.
 */
export const refusalText = (t: TicketT, error: Pick<RejectedChange['error'], 'code' | 'message' | 'current'>, attempted?: { from?: Status }): string => {
  const status = currentStatus(error.current);
  switch (error.code) {
    case 'resolution_required':
      return t('refusal.resolutionRequired');
    case 'invalid_assignee':
      return t('refusal.invalidAssignee');
    case 'not_found':
      return t('refusal.notFound');
    case 'not_saved':
      return t('refusal.notSaved', { reason: error.message });
    case 'too_many_tags':
      return t('refusal.tooManyTags', { max: TAG_LIMITS.count });
    case 'link_to_self':
      return t('refusal.linkToSelf');
    case 'already_linked':
      return t('refusal.alreadyLinked');
    case 'too_many_links':
      return t('refusal.tooManyLinks', { max: LIMITS.links });
    case 'duplicate_of_duplicate':
      return t('refusal.duplicateOfDuplicate');
    case 'already_duplicate':
      return t('refusal.alreadyDuplicate');
    case 'has_duplicates':
      return t('refusal.hasDuplicates');
    case 'problem_cannot_be_duplicate':
      return t('refusal.problemCannotBeDuplicate');
    case 'not_a_problem':
      return t('refusal.notAProblem');
    case 'problem_cannot_be_incident':
      return t('refusal.problemCannotBeIncident');
    case 'already_incident':
      return t('refusal.alreadyIncident');
    case 'incident_cannot_be_problem':
      return t('refusal.incidentCannotBeProblem');
    case 'duplicate_cannot_be_problem':
      return t('refusal.duplicateCannotBeProblem');
    case 'problem_has_incidents':
      return t('refusal.problemHasIncidents');
    case 'class_not_started':
      return t('refusal.classNotStarted');
    case 'already_attached':
      return t('refusal.alreadyAttached');
    case 'too_many_attachments':
      return t('refusal.tooManyAttachments', { max: LIMITS.attachments });
    case 'conflict':
      if (status !== null && attempted?.from !== undefined) {
        return t('refusal.statusMoved', { status: statusLabel(t, status).toLowerCase(), from: statusLabel(t, attempted.from).toLowerCase() });
      }
      if (error.message === 'Someone else took this ticket first.') return t('refusal.takenFirst');
      return error.message;
    case 'invalid_escalation':
      if (status === 'resolved' || status === 'closed') return t('refusal.cannotEscalateDone', { status: statusLabel(t, status).toLowerCase() });
      if (error.message === 'An escalation needs a reason.') return t('refusal.reasonRequired');
      return error.message;
    default:
      return error.message;
  }
};
