import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n';
import { HelpPage } from './HelpPage';
import '../track/track.css';
import './help.css';

// The public self-help page loads on its own, as /track does: no local database, no sync engine, no service worker.
await initI18n();

const container = document.getElementById('root');
if (container === null) throw new Error('help/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <HelpPage />
  </StrictMode>,
);
