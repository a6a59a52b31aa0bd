import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE, attendeeKey, type Attendance, type TrainingClass } from '../../shared/training/trainingClass';
import { Dialog } from '../components/Dialog';
import { DialogActions } from '../components/DialogActions';

export type AttendanceMark = { name: string; contact: string | null; attendance: Attendance };

export type AttendanceDialogProps = {
  trainingClass: TrainingClass;
  /** Saves the marks that changed; answers the refusal to show, or null once saved. */
  onSave(marks: AttendanceMark[]): Promise<string | null>;
  onClose(): void;
};

/** Marks, after the class has started, whether each invited requester came. */
export const AttendanceDialog = ({ trainingClass, onSave, onClose }: AttendanceDialogProps) => {
  const { t } = useTranslation('classes');
  const [marks, setMarks] = useState<Attendance[]>(trainingClass.attendees.map((a) => a.attendance));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changed = trainingClass.attendees.flatMap((attendee, i) => {
      const attendance = marks[i];
      return attendance === undefined || attendance === attendee.attendance ? [] : [{ name: attendee.name, contact: attendee.contact, attendance }];
    });
    if (changed.length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    const outcome = await onSave(changed);
    setSaving(false);
    setRefusal(outcome);
  };
  return (
    <Dialog title={t('marking.title', { title: trainingClass.title })} onClose={onClose}>
      <form className="form class-marking" onSubmit={(event) => void save(event)} noValidate>
        <ul className="class-marks">
          {trainingClass.attendees.map((attendee, i) => (
            <li key={attendeeKey(attendee)}>
              <label className="field">
                <span>
                  {attendee.name}
                  {attendee.contact !== null && <span className="muted"> · {attendee.contact}</span>}
                </span>
                <select
                  aria-label={t('marking.of', { name: attendee.name })}
                  value={marks[i] ?? attendee.attendance}
                  onChange={(event) => {
                    const value = ATTENDANCE.find((a) => a === event.target.value);
                    if (value !== undefined) setMarks(marks.map((m, j) => (j === i ? value : m)));
                  }}
                >
                  {ATTENDANCE.map((attendance) => (
                    <option key={attendance} value={attendance}>
                      {t(`attendance.${attendance}`)}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
        <DialogActions refusal={refusal} isSaving={isSaving} submitLabel={t('marking.save')} cancelLabel={t('marking.cancel')} onCancel={onClose} />
      </form>
    </Dialog>
  );
};
