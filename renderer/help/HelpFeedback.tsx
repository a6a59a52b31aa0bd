import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerArticle, type Outcome } from './helpApi';
import { RefusalMessage } from './RefusalMessage';

type State =
  { kind: 'asking' } | { kind: 'sending' } | { kind: 'answered'; solved: boolean } | { kind: 'refused'; outcome: Exclude<Outcome<unknown>, { kind: 'ok' }> };

/** "Did this solve your problem?" under an article: one answer, then thanks. */
export const HelpFeedback = ({ articleId }: { articleId: string }) => {
  const { t } = useTranslation('help');
  const [state, setState] = useState<State>({ kind: 'asking' });

  const answer = async (solved: boolean) => {
    setState({ kind: 'sending' });
    const outcome = await answerArticle(articleId, solved);
    setState(outcome.kind === 'ok' ? { kind: 'answered', solved } : { kind: 'refused', outcome });
  };

  if (state.kind === 'answered') {
    return (
      <p className="help-feedback help-feedback-done" role="status" data-testid="help-feedback-thanks">
        {state.solved ? t('thanksYes') : t('thanksNo')}
      </p>
    );
  }
  return (
    <section className="help-feedback" aria-labelledby="help-feedback-question" data-testid="help-feedback">
      <h2 id="help-feedback-question" className="help-feedback-question">
        {t('feedbackQuestion')}
      </h2>
      <div className="track-row">
        <button type="button" className="track-primary" disabled={state.kind === 'sending'} onClick={() => void answer(true)}>
          {t('yes')}
        </button>
        <button type="button" className="track-secondary" disabled={state.kind === 'sending'} onClick={() => void answer(false)}>
          {t('no')}
        </button>
      </div>
      {state.kind === 'refused' &&
        (state.outcome.kind === 'failed' ? (
          <p className="track-message track-message-failed" role="alert">
            {t('feedbackFailed')}
          </p>
        ) : (
          <RefusalMessage refusal={state.outcome} />
        ))}
    </section>
  );
};
