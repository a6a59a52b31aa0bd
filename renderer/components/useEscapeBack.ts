import { useEffect } from 'react';

/** Escape leaves a full-screen view (statistics, accounts) for the queue, unless an open dialog has it. */
export const useEscapeBack = (onClose: () => void): void => {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && document.querySelector('[role="dialog"]') === null) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
};
