import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/domain/ticket';
import { isAwaitingAnswer, type PublicTicketView } from '../../shared/domain/track';
import { sendAnswer, type AnswerResult } from './answerApi';
import { useCountdown } from './useCountdown';

/** `initialChoice`: Yes or No chosen by the link in the resolution mail (`&answer=`); the caller still sends it, so a mail scanner opening the link answers nothing. */
type Props = { view: PublicTicketView; onAnswered: (view: PublicTicketView) => void; initialChoice?: 'yes' | 'no' | null };

type Choice = 'yes' | 'no' | null;

/** What the form says after a try; codes, translated only where shown. */
type Problem =
  { kind: 'needs-choice' | 'needs-comment' | 'too-long' } | Exclude<AnswerResult, { kind: 'answered' } | { kind: 'rate-limited' }> | { kind: 'rate-limited' };

const RATINGS = [1, 2, 3, 4, 5] as const;
const MAX = LIMITS.callerComment;

const ProblemText = ({ problem, waitSeconds }: { problem: Problem; waitSeconds: number }) => {
  const { t } = useTranslation('trackAnswer');
  const text = (() => {
    switch (problem.kind) {
      case 'needs-choice':
        return t('needsChoice');
      case 'needs-comment':
        return t('needsComment');
      case 'too-long':
        return t('commentTooLong', { max: MAX });
      case 'not-found':
        return t('notFound');
      case 'not-resolved':
        return t('notResolved');
      case 'already-answered':
        return t('alreadyAnswered');
      case 'invalid':
        return t('invalid', { message: problem.message });
      case 'rate-limited':
        return waitSeconds > 0 ? t('rateLimited', { count: waitSeconds }) : null;
      case 'failed':
        return t('failed');
    }
  })();
  if (text === null) return null;
  return (
    <p className="track-message track-message-failed" role="alert" data-testid="answer-message">
      {text}
    </p>
  );
};

/**
 * "Is your problem solved?" under a resolved ticket: Yes (an optional rating and comment) or No
 * (the caller's words, required). Once answered it thanks the caller; a No shows the ticket
 * reopened, with the caller's words among its messages.
 */
export const CallerAnswer = ({ view, onAnswered, initialChoice = null }: Props) => {
  const { t } = useTranslation('trackAnswer');
  const [choice, setChoice] = useState<Choice>(initialChoice);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isSending, setSending] = useState(false);
  const [reopened, setReopened] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waitSeconds = useCountdown(waitUntil);

  if (reopened && view.status === 'open') {
    return (
      <p className="track-answer-thanks" role="status" data-testid="answer-thanks">
        {t('thanksReopened')}
      </p>
    );
  }
  if (view.callerAnswer !== null && view.callerAnswer.solved) {
    const { rating: given } = view.callerAnswer;
    return (
      <p className="track-answer-thanks" role="status" data-testid="answer-thanks">
        {given === null ? t('thanksSolved') : t('thanksSolvedRated', { rating: given })}
      </p>
    );
  }
  if (!isAwaitingAnswer(view)) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === null) return setProblem({ kind: 'needs-choice' });
    if (choice === 'no' && comment.trim() === '') return setProblem({ kind: 'needs-comment' });
    if (comment.length > MAX) return setProblem({ kind: 'too-long' });
    setSending(true);
    setProblem(null);
    const words = comment.trim() === '' ? {} : { comment };
    const result = await sendAnswer(
      view.code,
      choice === 'yes' ? { solved: true, ...(rating === null ? {} : { rating }), ...words } : { solved: false, comment },
    );
    setSending(false);
    if (result.kind === 'answered') {
      setReopened(choice === 'no');
      onAnswered(result.view);
      return undefined;
    }
    if (result.kind === 'rate-limited') {
      setWaitUntil(Date.now() + result.seconds * 1000);
      return setProblem({ kind: 'rate-limited' });
    }
    return setProblem(result);
  };

  const commentId = 'track-answer-comment';
  return (
    <section className="track-card track-answer" aria-labelledby="track-answer-heading" data-testid="caller-answer">
      <h2 id="track-answer-heading">{t('question')}</h2>
      <p className="track-muted">{t('questionHelp')}</p>
      <form className="track-answer-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="track-answer-choice">
          <legend className="track-label">{t('choiceLabel')}</legend>
          {(['yes', 'no'] as const).map((value) => (
            <label key={value} className={`track-choice${choice === value ? ' track-choice-on' : ''}`}>
              <input
                type="radio"
                name="solved"
                value={value}
                checked={choice === value}
                onChange={() => {
                  setChoice(value);
                  setProblem(null);
                }}
              />
              {t(value)}
            </label>
          ))}
        </fieldset>
        {choice === 'yes' && (
          <fieldset className="track-answer-rating">
            <legend className="track-label">{t('ratingLabel')}</legend>
            <div className="track-rating-row">
              {RATINGS.map((value) => (
                <label key={value} className={`track-star${rating !== null && value <= rating ? ' track-star-on' : ''}`}>
                  <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
                  <span aria-hidden="true">★</span>
                  <span className="track-visually-hidden">{t('ratingValue', { count: value })}</span>
                </label>
              ))}
              <label className="track-no-rating">
                <input type="radio" name="rating" value="" checked={rating === null} onChange={() => setRating(null)} />
                {t('noRating')}
              </label>
            </div>
            <p className="track-hint">{t('ratingScale')}</p>
          </fieldset>
        )}
        {choice !== null && (
          <div className="track-answer-comment">
            <label htmlFor={commentId} className="track-label">
              {choice === 'yes' ? t('commentYesLabel') : t('commentNoLabel')}
            </label>
            {choice === 'no' && (
              <p id={`${commentId}-help`} className="track-hint">
                {t('commentNoHelp')}
              </p>
            )}
            <textarea
              id={commentId}
              className="track-textarea"
              value={comment}
              rows={4}
              maxLength={MAX}
              required={choice === 'no'}
              aria-required={choice === 'no'}
              aria-describedby={choice === 'no' ? `${commentId}-help ${commentId}-count` : `${commentId}-count`}
              onChange={(event) => setComment(event.target.value)}
            />
            <p id={`${commentId}-count`} className="track-hint">
              {t('commentCount', { count: comment.length, max: MAX })}
            </p>
          </div>
        )}
        <div aria-live="polite">{problem !== null && <ProblemText problem={problem} waitSeconds={waitSeconds} />}</div>
        <div>
          <button type="submit" className="track-primary" disabled={isSending || waitSeconds > 0}>
            {isSending ? t('sending') : t('send')}
          </button>
        </div>
      </form>
    </section>
  );
};
