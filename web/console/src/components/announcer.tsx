import { useSyncExternalStore } from 'react';

/**
 * One polite live region for the whole console: screen readers hear "novo chamado …",
 * "contato salvo" and the like without the focus moving.
 */
let message = '';
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // Clearing first makes the same sentence twice in a row be read twice.
  message = '';
  for (const listener of listeners) listener();
  setTimeout(() => {
    message = text;
    for (const listener of listeners) listener();
  }, 50);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function Announcer() {
  const text = useSyncExternalStore(subscribe, () => message);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
