import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type DialogProps = {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Extra class for sizing. */
  className?: string;
};

/** A modal panel over the console: Escape or the backdrop closes it; focus moves into it on open. */
export const Dialog = ({ title, onClose, children, className }: DialogProps) => {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    first?.focus();
  }, []);
  return (
    <div
      className="backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="dialog-close icon-button" aria-label={t('closeDialog')} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
};
