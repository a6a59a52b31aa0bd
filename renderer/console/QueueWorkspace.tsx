import { useTranslation } from 'react-i18next';
import { Queue } from '../queue/Queue';
import { TICKET_PANEL_ID } from '../tickets/TicketDetail';
import { TicketPanel } from '../tickets/TicketPanel';
import { SPLIT_HANDLE_WIDTH, SplitHandle } from './SplitHandle';
import { useDetailWidth } from './useDetailWidth';

/**
 * The queue and, when a ticket is open, its panel beside it with a handle between them. The queue
 * stays mounted either way (it holds the filters and the cursor), and narrows by column: the table
 * drops the columns a technician needs least as it gets narrower (renderer/queue/queue.css).
 */
export const QueueWorkspace = ({ userId, selectedTicketId }: { userId: string; selectedTicketId: string | null }) => {
  const { t } = useTranslation('shell');
  const { attach, width, bounds, change } = useDetailWidth(userId);
  const isOpen = selectedTicketId !== null;
  return (
    <main
      ref={attach}
      className={isOpen ? 'workspace has-detail' : 'workspace'}
      style={isOpen ? { gridTemplateColumns: `minmax(0, 1fr) ${SPLIT_HANDLE_WIDTH}px ${width}px` } : undefined}
    >
      <Queue />
      {isOpen && (
        <>
          <SplitHandle
            width={width}
            bounds={bounds}
            label={t('split.label')}
            valueText={t('split.value', { width })}
            controls={TICKET_PANEL_ID}
            onChange={change}
          />
          <TicketPanel key={selectedTicketId} ticketId={selectedTicketId} />
        </>
      )}
    </main>
  );
};
