import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';
import { createWebServices } from './app/services';
import { AppStoreProvider, createAppStore } from './app/store';
import { registerServiceWorker } from './serviceWorker/register';
import { initTheme } from './theme/theme';
import './styles/base.css';
import './styles/console.css';
import './styles/ticket.css';
import './theme/dark.css';

initTheme();
await initI18n();
const store = createAppStore(createWebServices());
void store.getState().restore();
void registerServiceWorker();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
