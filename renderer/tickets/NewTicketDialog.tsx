import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { randomBytes, randomUuid } from '../../shared/platform';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { Dialog } from '../components/Dialog';
import { CreatedTicket } from './CreatedTicket';
import { NewTicketForm } from './NewTicketForm';
import { fieldErrors, toCreateArgs, type NewTicketField, type NewTicketInput } from './newTicket';

type Created = { id: string; code: string; title: string };

/** The new-ticket dialog: creates the ticket in the local cache (online or not) and shows its code. */
export const NewTicketDialog = () => {
  const workspace = useWorkspace();
  const close = useApp((state) => state.closeNewTicket);
  const selectTicket = useApp((state) => state.selectTicket);
  const [errors, setErrors] = useState<Partial<Record<NewTicketField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // The number arrives when the server accepts the ticket; the live query shows it then.
  const ticket = useLiveQuery(() => (created === null ? undefined : workspace.db.tickets.get(created.id)), [workspace.db, created]);

  const submit = async (input: NewTicketInput) => {
    const args = toCreateArgs(input, randomUuid, randomBytes);
    const found = fieldErrors(args);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError('Please correct the marked fields.');
      return;
    }
    const result = await workspace.run('ticket:create', args);
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    setCreated({ id: args.id, code: args.code, title: args.title.trim() });
  };

  return (
    <Dialog title={created === null ? 'New ticket' : 'Ticket created'} onClose={close} className="dialog-wide">
      {created === null ? (
        <NewTicketForm errors={errors} formError={formError} onSubmit={(input) => void submit(input)} onCancel={close} />
      ) : (
        <CreatedTicket
          code={ticket?.code ?? created.code}
          ticketNumber={ticket?.number ?? null}
          title={created.title}
          onAnother={() => setCreated(null)}
          onClose={close}
          onOpen={() => {
            selectTicket(created.id);
            close();
          }}
        />
      )}
    </Dialog>
  );
};
