export type DialogActionsProps = {
  /** What the save was refused for as a whole, shown above the buttons; null when nothing was refused. */
  refusal: string | null;
  isSaving: boolean;
  submitLabel: string;
  cancelLabel: string;
  onCancel(): void;
};

/** The end of an editing dialog: the refusal that belongs to no one field, Cancel, and the submit button. */
export const DialogActions = ({ refusal, isSaving, submitLabel, cancelLabel, onCancel }: DialogActionsProps) => (
  <>
    {refusal !== null && (
      <p className="form-error" role="alert">
        {refusal}
      </p>
    )}
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className="button primary" disabled={isSaving}>
        {submitLabel}
      </button>
    </div>
  </>
);
