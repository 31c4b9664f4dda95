import { useEffect, useState } from 'react';
import { t } from '../strings';
import { announce } from './announcer';
import { Icon } from './icon';

/**
 * "Copiar" for a key, a link or a command. The clipboard can be refused (an insecure origin, a
 * browser setting): then the person is told to select and copy by hand, which the text, always shown
 * beside the button, allows.
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const s = t.settings;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      announce(s.copied);
    } catch {
      setState('failed');
      announce(s.copyFailed);
    }
  };

  return (
    <span className="copy-control">
      <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
        <Icon name={state === 'copied' ? 'check' : 'link'} size={16} />
        {state === 'copied' ? s.copied : s.copy}
        <span className="visually-hidden"> {what}</span>
      </button>
      {state === 'failed' ? <span className="copy-failed">{s.copyFailed}</span> : null}
    </span>
  );
}
