import type { ReactNode } from 'react';

export type ViewTopProps = {
  /** The view's class and id prefix (`<area>-top`, `<area>-title`): the view's section is labelled by its title. */
  area: string;
  title: string;
  closeLabel: string;
  onClose(): void;
  /** The view's own actions, before Close. */
  children: ReactNode;
};

/** The head of a full-panel view: its title, its actions and Close (Escape closes too, through `useEscapeBack`). */
export const ViewTop = ({ area, title, closeLabel, onClose, children }: ViewTopProps) => (
  <div className={`${area}-top`}>
    <h2 id={`${area}-title`}>{title}</h2>
    <div className={`${area}-top-actions`}>
      {children}
      <button type="button" className="button" onClick={onClose} aria-keyshortcuts="Escape">
        {closeLabel}
      </button>
    </div>
  </div>
);
