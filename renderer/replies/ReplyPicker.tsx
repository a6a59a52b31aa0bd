import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/domain/records';
import { expandReply, type ReplyValues } from '../../shared/domain/replyTemplate';
import { Dialog } from '../components/Dialog';
import { useListCursor } from '../components/useListCursor';
import { searchReplies } from './replySearch';

/** Characters of a reply's filled-in text shown under its title. */
const PREVIEW_CHARS = 160;

export type ReplyPickerProps = {
  replies: readonly CannedReply[];
  /** What the placeholders stand for in this note: each reply is shown as it will be inserted. */
  values: ReplyValues;
  locale: string;
  onPick(text: string): void;
  onClose(): void;
};

/** The canned replies, searchable as one types; arrows choose, Enter inserts the chosen one filled in. */
export const ReplyPicker = ({ replies, values, locale, onPick, onClose }: ReplyPickerProps) => {
  const { t } = useTranslation('replies');
  const listId = useId();
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () => searchReplies(replies, query, locale).map((reply) => ({ reply, text: expandReply(reply.body, values) })),
    [replies, query, locale, values],
  );
  const { current, reset, moveOnArrow } = useListCursor(shown);
  const optionId = (reply: CannedReply) => `${listId}-${reply.id}`;
  return (
    <Dialog title={t('picker.title')} onClose={onClose} className="dialog-wide">
      <input
        className="palette-input"
        aria-label={t('picker.search')}
        placeholder={t('picker.search')}
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current === undefined ? undefined : optionId(current.reply)}
        onChange={(event) => {
          setQuery(event.target.value);
          reset();
        }}
        onKeyDown={(event) => {
          if (moveOnArrow(event)) return;
          if (event.key === 'Enter' && current !== undefined) {
            event.preventDefault();
            onPick(current.text);
          }
        }}
      />
      <p className="muted reply-picker-hint">{t('picker.hint')}</p>
      <ul className="palette-list reply-picker-list" id={listId} role="listbox" aria-label={t('picker.listLabel')}>
        {shown.length === 0 && <li className="empty">{replies.length === 0 ? t('picker.none') : t('picker.empty')}</li>}
        {shown.map(({ reply, text }) => (
          <li
            key={reply.id}
            id={optionId(reply)}
            role="option"
            aria-selected={reply === current?.reply}
            className={reply === current?.reply ? 'palette-item reply-option is-active' : 'palette-item reply-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(text)}
          >
            <span className="reply-option-title">{reply.title}</span>
            <span className="reply-option-text">{text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
};
