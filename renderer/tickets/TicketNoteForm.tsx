import '../replies/replies.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply, NoteVisibility } from '../../shared/domain/records';
import type { ReplyValues } from '../../shared/domain/replyTemplate';
import { Field } from '../components/Field';
import { LinkArticleSelect } from '../knowledge/LinkArticleSelect';
import { insertAt } from '../replies/insertText';
import { ReplyPicker } from '../replies/ReplyPicker';
import { setReplyPickerTarget } from '../replies/replyPickerTarget';
import type { TicketActionHandlers } from './TicketActions';

export type NoteFormProps = {
  onAdd: TicketActionHandlers['addNote'];
  /** The desk's canned replies, offered by Alt+Q. */
  replies: readonly CannedReply[];
  /** What their placeholders stand for on this ticket. */
  replyValues: ReplyValues;
};

const PUBLIC_HINT_ID = 'note-public-hint';

type Selection = { start: number; end: number };

/**
 * Adds an internal (staff only) or public (caller-visible) note; Alt+N jumps to it, Ctrl+Enter adds
 * it, Alt+Q (or the palette's "Insert a canned reply") picks a canned reply to put in at the cursor,
 * filled in for this ticket. Every note starts internal, also the one after a public note: what the
 * caller reads is chosen each time, and said on the form while it is chosen.
 */
export const NoteForm = ({ onAdd, replies, replyValues }: NoteFormProps) => {
  const { t, i18n } = useTranslation('ticket');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('internal');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isPickerOpen, setPickerOpen] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Where the reply goes: the note's selection when the picker opened (focus then moves into it).
  const selection = useRef<Selection>({ start: 0, end: 0 });
  // The selection to give back to the note once the picker has closed and the text is rendered.
  const restore = useRef<Selection | null>(null);
  useEffect(() => {
    const openPicker = () => {
      const area = textarea.current;
      selection.current = area === null ? { start: 0, end: 0 } : { start: area.selectionStart, end: area.selectionEnd };
      setPickerOpen(true);
    };
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // A key pressed in a dialog (another form, the picker itself) is that dialog's.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]') !== null) return;
      if (event.code === 'KeyN') {
        event.preventDefault();
        textarea.current?.focus();
      } else if (event.code === 'KeyQ') {
        event.preventDefault();
        openPicker();
      }
    };
    window.addEventListener('keydown', onKey);
    const unregister = setReplyPickerTarget({ openPicker });
    return () => {
      window.removeEventListener('keydown', onKey);
      unregister();
    };
  }, []);
  useEffect(() => {
    const area = textarea.current;
    if (isPickerOpen || restore.current === null || area === null) return;
    area.focus();
    area.setSelectionRange(restore.current.start, restore.current.end);
    restore.current = null;
  }, [isPickerOpen, body]);
  const closePicker = (next: Selection) => {
    restore.current = next;
    setPickerOpen(false);
  };
  const insertReply = (text: string) => {
    const inserted = insertAt(body, selection.current.start, selection.current.end, text);
    setBody(inserted.text);
    closePicker({ start: inserted.cursor, end: inserted.cursor });
  };
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const outcome = await onAdd(body, visibility);
    setRefusal(outcome);
    if (outcome === null) {
      setBody('');
      setVisibility('internal');
    }
  };
  const isPublic = visibility === 'public';
  return (
    <>
      <form className={isPublic ? 'form note-form is-public' : 'form note-form'} onSubmit={(event) => void submit(event)} aria-label={t('form.noteForm')}>
        <Field label={t('form.note')}>
          <textarea
            ref={textarea}
            name="note"
            rows={3}
            value={body}
            aria-keyshortcuts="Alt+N Alt+Q"
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
            placeholder={t('form.notePlaceholder')}
          />
        </Field>
        <div className="form-actions">
          <select
            name="visibility"
            aria-label={t('form.visibility')}
            aria-describedby={isPublic ? PUBLIC_HINT_ID : undefined}
            value={visibility}
            onChange={(e) => setVisibility(e.target.value === 'public' ? 'public' : 'internal')}
          >
            <option value="internal">{t('form.internal')}</option>
            <option value="public">{t('form.public')}</option>
          </select>
          {isPublic && (
            <LinkArticleSelect
              onInsert={(link) => {
                const at = textarea.current;
                const start = at?.selectionStart ?? body.length;
                const end = at?.selectionEnd ?? body.length;
                const spaced = `${start > 0 && !/\s$/.test(body.slice(0, start)) ? ' ' : ''}${link} `;
                setBody(insertAt(body, start, end, spaced).text);
              }}
            />
          )}
          {isPublic && (
            <span className="note-public-hint" id={PUBLIC_HINT_ID} data-testid="note-public-hint">
              {t('form.publicHint')}
            </span>
          )}
          <button type="submit" className="button primary">
            {t('form.addNote')}
          </button>
        </div>
        {refusal !== null && (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        )}
      </form>
      {isPickerOpen && (
        <ReplyPicker replies={replies} values={replyValues} locale={i18n.language} onPick={insertReply} onClose={() => closePicker(selection.current)} />
      )}
    </>
  );
};
