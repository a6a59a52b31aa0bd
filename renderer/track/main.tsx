import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n';
import { TrackPage } from './TrackPage';
import './track.css';

// The caller's page loads on its own: no local database, no sync engine, no service worker.
await initI18n();

const container = document.getElementById('root');
if (container === null) throw new Error('track/index.html has no #root');
const params = new URLSearchParams(window.location.search);
// The resolution mail's Yes and No links (`&answer=yes|no`) preselect the answer.
const answer = params.get('answer');
createRoot(container).render(
  <StrictMode>
    <TrackPage initialCode={params.get('code') ?? ''} initialAnswer={answer === 'yes' || answer === 'no' ? answer : null} />
  </StrictMode>,
);
