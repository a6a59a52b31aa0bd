/** The ticket's remote sessions: the running one (if any), a way to start one, and past ones. */
export const RemoteSessions = ({ ticketId }: { ticketId: string }) => <section aria-label="Remote sessions" data-ticket-id={ticketId} />;
