import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import type { Status } from '../../shared/domain/ticket';
import type { BulkOutcome } from './bulk';
import { statusLabel } from '../tickets/ticketLabels';

export type QueueBulkBarProps = {
  count: number;
  staff: readonly PublicUser[];
  /** Status changes every selected ticket allows. */
  transitions: readonly Status[];
  isResolving: boolean;
  onAssignMe(): void;
  onAssign(userId: string | null): void;
  onTransition(to: Status): void;
  onResolve(resolution: string): void;
  onCancelResolve(): void;
  onClear(): void;
};

/** Changes for every selected ticket at once; each still goes through the rules one by one. */
export const QueueBulkBar = (props: QueueBulkBarProps) => {
  const { t } = useTranslation('queue');
  const { t: ticketT } = useTranslation('ticket');
  const [resolution, setResolution] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onResolve(resolution);
    setResolution('');
  };
  return (
    <div className="queue-bulk" role="toolbar" aria-label={t('bulk')}>
      <strong className="bulk-count">{t('selected', { count: props.count })}</strong>
      <button type="button" className="button small" onClick={props.onAssignMe}>
        {t('assignMe')}
      </button>
      <select aria-label={t('assignToLabel')} value="" onChange={(event) => event.target.value !== '' && props.onAssign(event.target.value)}>
        <option value="">{t('assignTo')}</option>
        {props.staff.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </select>
      <button type="button" className="button small" onClick={() => props.onAssign(null)}>
        {t('unassign')}
      </button>
      <select
        aria-label={t('setStatusLabel')}
        value=""
        disabled={props.transitions.length === 0}
        onChange={(event) => {
          const to = props.transitions.find((status) => status === event.target.value);
          if (to !== undefined) props.onTransition(to);
        }}
      >
        <option value="">{t('setStatus')}</option>
        {props.transitions.map((to) => (
          <option key={to} value={to}>
            {statusLabel(ticketT, to)}
          </option>
        ))}
      </select>
      <button type="button" className="button small ghost" onClick={props.onClear}>
        {t('clearSelection')}
      </button>
      {props.isResolving && (
        <form className="bulk-resolve" onSubmit={submit}>
          <input
            aria-label={t('resolution')}
            placeholder={t('resolutionPlaceholder')}
            value={resolution}
            autoFocus
            onChange={(event) => setResolution(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') props.onCancelResolve();
            }}
          />
          <button type="submit" className="button small primary">
            {t('resolve')}
          </button>
          <button type="button" className="button small" onClick={props.onCancelResolve}>
            {t('cancel')}
          </button>
        </form>
      )}
    </div>
  );
};

/** What the last bulk change did, with every refusal by ticket code. */
export const BulkOutcomeNote = ({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss(): void }) => {
  const { t } = useTranslation('queue');
  return (
    <div className={outcome.refusals.length === 0 ? 'bulk-outcome' : 'bulk-outcome has-refusals'} role="status" data-testid="bulk-outcome">
      <span>{t('outcome', { count: outcome.applied })}</span>
      {outcome.refusals.map((refusal) => (
        <span key={refusal.id} className="bulk-refusal">
          {t('refused', { code: refusal.code, message: refusal.message })}
        </span>
      ))}
      <button type="button" className="button small ghost" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
};
