import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';
import { createWebServices } from './app/services';
import { desktopBridge } from './desktop/bridge';
import { createDesktopModeServices } from './desktop/desktopMode';
import { AppStoreProvider, createAppStore } from './app/store';
import { registerServiceWorker } from './serviceWorker/register';
import { initTheme } from './theme/theme';
import './styles/base.css';
import './styles/console.css';
import './styles/ticket.css';
import './theme/dark.css';

initTheme();
await initI18n();
// In the desktop app the main process signs in and syncs; the page holds no token and makes no HTTP request.
const bridge = desktopBridge();
const store = createAppStore(bridge === null ? createWebServices() : createDesktopModeServices(bridge));
void store.getState().restore();
// The desktop app loads its files locally (app://), where there are no service workers and no need for one.
if (bridge === null) void registerServiceWorker();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
