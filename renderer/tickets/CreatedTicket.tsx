import { CopyButton } from '../components/CopyButton';
import { ticketNumberLabel } from './format';

export type CreatedTicketProps = {
  code: string;
  ticketNumber: number | null;
  title: string;
  onOpen(): void;
  onAnother(): void;
  onClose(): void;
};

/** Shown right after creation: the code to read to the caller, and the number once the server has it. */
export const CreatedTicket = ({ code, ticketNumber, title, onOpen, onAnother, onClose }: CreatedTicketProps) => (
  <div className="created-ticket" data-testid="created-ticket">
    <p className="created-lead">Give the caller this code:</p>
    <p className="created-code">
      <span className="mono" data-testid="created-code">
        {code}
      </span>
      <CopyButton text={code} label="Copy code" />
    </p>
    <dl className="facts">
      <dt>Number</dt>
      <dd data-testid="created-number" className={ticketNumber === null ? 'muted' : undefined}>
        {ticketNumberLabel(ticketNumber)}
      </dd>
      <dt>Title</dt>
      <dd>{title}</dd>
    </dl>
    <div className="form-actions">
      <button type="button" className="button" onClick={onAnother}>
        Another ticket
      </button>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
      <button type="button" className="button primary" onClick={onOpen}>
        Open ticket
      </button>
    </div>
  </div>
);
