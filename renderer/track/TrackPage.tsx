import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import { PublicHeader } from '../components/PublicHeader';
import { localeFor } from './format';
import { CallerAnswer } from './CallerAnswer';
import { TicketStatus } from './TicketStatus';
import { lookUpTicket, type Lookup } from './trackApi';
import { TrackForm } from './TrackForm';
import { useCountdown } from './useCountdown';

// Keeps a code on one line inside a sentence on a narrow screen.
const NON_BREAKING_HYPHEN = '\u2011';

type Outcome = Lookup | { kind: 'invalid' } | { kind: 'idle' };

/** Keeps `?code=` in the address, so the page can be bookmarked or reloaded on the same ticket. */
const rememberCode = (code: string) => {
  const url = new URL(window.location.href);
  url.searchParams.set('code', code);
  window.history.replaceState(null, '', url);
};

const Message = ({ outcome, code, waitSeconds }: { outcome: Outcome; code: string; waitSeconds: number }) => {
  const { t } = useTranslation('track');
  const text =
    outcome.kind === 'invalid'
      ? t('invalidCode')
      : outcome.kind === 'not-found'
        ? t('notFound', { code: code.replace('-', NON_BREAKING_HYPHEN) })
        : outcome.kind === 'rate-limited'
          ? waitSeconds > 0
            ? t('rateLimited', { count: waitSeconds })
            : null
          : outcome.kind === 'failed'
            ? t('failed')
            : null;
  if (text === null) return null;
  return (
    <p className={`track-message track-message-${outcome.kind}`} role="alert" data-testid="track-message">
      {text}
    </p>
  );
};

/** The whole page: header with the language switch, the code form, and what the server said. */
export const TrackPage = ({ initialCode, initialAnswer = null }: { initialCode: string; initialAnswer?: 'yes' | 'no' | null }) => {
  const { t, i18n } = useTranslation('track');
  const [typed, setTyped] = useState(initialCode);
  const [asked, setAsked] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [isBusy, setBusy] = useState(false);
  // After a 429 the form waits as long as the server asked, so no attempt is wasted.
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waitSeconds = useCountdown(waitUntil);
  const started = useRef(false);

  const look = useCallback(async (input: string) => {
    const code = normalizeTicketCode(input);
    if (code === null) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    setBusy(true);
    setAsked(code);
    rememberCode(code);
    const result = await lookUpTicket(code);
    setOutcome(result);
    setWaitUntil(result.kind === 'rate-limited' ? Date.now() + result.seconds * 1000 : null);
    setBusy(false);
    if (result.kind === 'found') setTyped(code);
  }, []);

  // A link with ?code= (from an email) shows the ticket at once.
  useEffect(() => {
    if (started.current || initialCode.trim() === '') return;
    started.current = true;
    void look(initialCode);
  }, [initialCode, look]);

  useEffect(() => {
    document.title = `${t('pageTitle')} · Meja`;
  }, [t, i18n.language]);

  const locale = localeFor(i18n.language, navigator.languages);
  return (
    <div className="track-shell">
      <PublicHeader languageLabel={t('languageLabel')} />
      <main className="track-main">
        <h1>{t('pageTitle')}</h1>
        <p className="track-intro">{t('intro')}</p>
        <TrackForm value={typed} isBusy={isBusy} isWaiting={waitSeconds > 0} onChange={setTyped} onSubmit={() => void look(typed)} />
        <div aria-live="polite">
          <Message outcome={outcome} code={asked} waitSeconds={waitSeconds} />
          {outcome.kind === 'found' && <TicketStatus view={outcome.view} locale={locale} isBusy={isBusy} onRefresh={() => void look(outcome.view.code)} />}
          {outcome.kind === 'found' && (
            <CallerAnswer
              key={outcome.view.code}
              view={outcome.view}
              initialChoice={initialAnswer}
              onAnswered={(view) => setOutcome({ kind: 'found', view })}
            />
          )}
        </div>
        <p className="track-footnote">{t('privacy')}</p>
        <p className="track-footnote">
          {t('selfHelpLead')}{' '}
          <a href="/help" data-testid="track-help-link">
            {t('selfHelpLink')}
          </a>
        </p>
      </main>
    </div>
  );
};
