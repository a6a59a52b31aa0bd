import { useId, type ReactNode } from 'react';

/** What a field's control spreads on itself so assistive technology ties it to the field's error. */
export type FieldControlProps = { 'aria-invalid'?: true; 'aria-describedby'?: string };

export type FieldProps = {
  label: string;
  /** Shown under the control and announced; the control is marked invalid while there is one. */
  error?: string | undefined;
  /** Extra classes beside `field` (e.g. `grow`). */
  className?: string;
  /** The control; as a function it receives the aria props that tie it to the error. */
  children: ReactNode | ((control: FieldControlProps) => ReactNode);
};

/** A labelled form control: the label names the control (tests find it by that name), the error follows it. */
export const Field = ({ label, error, className, children }: FieldProps) => {
  const errorId = useId();
  const control: FieldControlProps = error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId };
  return (
    <label className={className === undefined ? 'field' : `field ${className}`}>
      <span>{label}</span>
      {typeof children === 'function' ? children(control) : children}
      {error !== undefined && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
};
