import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n';
import { TrackPage } from './TrackPage';
import './track.css';

// The caller's page loads on its own: no local database, no sync engine, no service worker.
await initI18n();

const container = document.getElementById('root');
if (container === null) throw new Error('track/index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <TrackPage initialCode={new URLSearchParams(window.location.search).get('code') ?? ''} />
  </StrictMode>,
);
