import { ConnectedCommandPalette } from '../commands/CommandPalette';
import { QueueView } from './QueueView';
import { useQueue } from './useQueue';

/** The queue over the local cache's in-memory index; also where the command palette lives. */
export const Queue = () => {
  const props = useQueue();
  return (
    <>
      <QueueView {...props} />
      <ConnectedCommandPalette />
    </>
  );
};
