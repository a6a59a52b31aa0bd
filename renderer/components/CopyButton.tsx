import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type CopyButtonProps = { text: string; label: string };

/** Copies `text` to the clipboard and says so for a moment. */
export const CopyButton = ({ text, label }: CopyButtonProps) => {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = window.setTimeout(() => setState('idle'), 1500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" className="button small" aria-label={label} title={label} onClick={() => void copy()}>
      {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : t('copy')}
    </button>
  );
};
