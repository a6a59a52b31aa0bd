import { createLogger } from '../logger';

const log = createLogger('offline');

/** Installs the app-shell worker so the console reloads without a network (built app only). */
export const registerServiceWorker = async (): Promise<void> => {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  } catch (error) {
    log.warn('the offline app shell could not be installed', error);
  }
};
