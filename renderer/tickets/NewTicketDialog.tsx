import '../calls/calls.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/knowledge/article';
import { randomBytes, randomUuid } from '../../shared/platform';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import type { CallerLink } from '../calls/CallerHistory';
import { createCacheCallerSource } from '../calls/callerTickets';
import { attachCallTicket, hangUp, useActiveCall } from '../calls/callStore';
import { callElapsedMs, type CallTicket } from '../calls/callSession';
import { CallTimer } from '../calls/CallTimer';
import { Dialog } from '../components/Dialog';
import { useNow } from '../sync/liveData';
import { CreatedTicket } from './CreatedTicket';
import { NewTicketForm } from './NewTicketForm';
import { ticketsTransport } from '../onDemand/ticketsTransport';
import { useCanAskServer } from '../onDemand/useOnDemand';
import { fieldErrors, toCreateArgs, type FieldProblems, type NewTicketInput } from './newTicket';

const NO_ARTICLES: readonly Article[] = [];

/** The clock of the call in progress, ticking every second. */
const RunningCallTimer = ({ startedAt, onEnd, error }: { startedAt: string; onEnd: (() => void) | null; error: string | null }) => {
  const now = useNow(1000);
  return <CallTimer elapsedMs={callElapsedMs({ startedAt }, new Date(now))} isRunning onEnd={onEnd} error={error} />;
};

/**
 * The new-ticket dialog: creates the ticket in the local cache (online or not) and shows its code.
 * Opened by "Answer call" it is also the call: its timer runs from the answer until End call or
 * until the dialog closes, and the call's time is logged on the ticket it created (if any).
 */
export const NewTicketDialog = () => {
  const { t } = useTranslation('call');
  const workspace = useWorkspace();
  const closeDialog = useApp((state) => state.closeNewTicket);
  const selectTicket = useApp((state) => state.selectTicket);
  const call = useActiveCall();
  const [errors, setErrors] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  // After a reload mid-call the ticket the call made is shown again, code and all.
  const [created, setCreated] = useState<CallTicket | null>(() => call?.ticket ?? null);
  const [endedCallMs, setEndedCallMs] = useState<number | null>(null);
  const [callError, setCallError] = useState<string | null>(null);
  // What became of the link to an earlier ticket the technician picked: said under the new code.
  const [linkNote, setLinkNote] = useState<{ text: string; isRefused: boolean } | null>(null);
  const callerSource = useMemo(() => createCacheCallerSource(workspace.db), [workspace.db]);
  // Online, the server adds the caller's tickets this console does not hold.
  const canAsk = useCanAskServer();
  const callerServer = useMemo(() => ({ transport: ticketsTransport(), canAsk }), [canAsk]);
  const isCall = call !== null;
  const articles = useLiveQuery(() => workspace.db.articles.toArray(), [workspace.db]) ?? NO_ARTICLES;
  // The number arrives when the server accepts the ticket; the live query shows it then.
  const ticket = useLiveQuery(() => (created === null ? undefined : workspace.db.tickets.get(created.id)), [workspace.db, created]);

  const endCall = async (): Promise<boolean> => {
    const now = new Date();
    const args = hangUp(now);
    if (call !== null) setEndedCallMs(callElapsedMs(call, now));
    if (args === null) return true;
    const result = await workspace.run('call:log', args);
    setCallError(result.ok ? null : result.error.message);
    return result.ok;
  };

  // Closing the dialog hangs up; a call that made no ticket leaves nothing behind.
  const close = () => {
    void endCall();
    closeDialog();
  };

  /** Links the new ticket to the earlier one picked, as a second change queued right after its creation. */
  const linkToEarlier = async (ticketId: string, link: CallerLink) => {
    const result = await workspace.run('ticket:link', { id: ticketId, otherId: link.ticketId, kind: link.kind });
    setLinkNote(
      result.ok
        ? { text: t(`created.linked.${link.kind}`, { name: link.name }), isRefused: false }
        : { text: t('created.linkRefused', { name: link.name, message: result.error.message }), isRefused: true },
    );
  };

  const submit = async (input: NewTicketInput, link: CallerLink | null) => {
    // The technician who answered the call owns its ticket from the start: theirs, and open.
    const args = toCreateArgs(input, randomUuid, randomBytes, isCall ? workspace.user.id : null);
    const found = fieldErrors(args);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('form.fixFields'));
      return;
    }
    const result = await workspace.run('ticket:create', args);
    if (!result.ok) {
      setFormError(result.error.message);
      return;
    }
    setFormError(null);
    const made = { id: args.id, code: args.code, title: args.title.trim() };
    attachCallTicket(made);
    setLinkNote(null);
    if (link !== null) await linkToEarlier(args.id, link);
    setCreated(made);
  };

  const title = created === null ? (isCall ? t('dialog.callNewTicket') : t('dialog.newTicket')) : isCall ? t('dialog.callCreated') : t('dialog.created');
  return (
    <Dialog title={title} onClose={close} className={created === null ? 'dialog-intake' : 'dialog-wide'}>
      {call !== null && <RunningCallTimer startedAt={call.startedAt} onEnd={call.ticket === null ? null : () => void endCall()} error={callError} />}
      {call === null && endedCallMs !== null && <CallTimer elapsedMs={endedCallMs} isRunning={false} onEnd={null} error={callError} />}
      {created === null ? (
        <NewTicketForm
          errors={errors}
          formError={formError}
          callerSource={callerSource}
          callerServer={callerServer}
          articles={articles}
          onSubmit={(input, link) => void submit(input, link)}
          onCancel={close}
        />
      ) : (
        <CreatedTicket
          code={ticket?.code ?? created.code}
          ticketNumber={ticket?.number ?? null}
          title={created.title}
          linkNote={linkNote}
          onAnother={() => {
            setLinkNote(null);
            setCreated(null);
          }}
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
