import type { ReactNode } from 'react';
import { t } from '../strings';

interface LoadErrorProps {
  /** What could not be loaded ("Não foi possível carregar …"), followed by the reason. */
  lead: string;
  error: string | undefined;
  onRetry(): void;
}

/** Why a screen's data did not load, with "Tentar de novo"; nothing while there is no error. */
export function LoadError({ lead, error, onRetry }: LoadErrorProps) {
  if (!error) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {lead} {error}{' '}
      <button type="button" className="button button-link" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}

interface LoadingProps {
  text?: string | undefined;
  /** Announced to a screen reader as a status (role="status") rather than shown muted. */
  announced?: boolean | undefined;
}

/** The line shown while a screen waits for its data. */
export function Loading({ text = t.loading, announced }: LoadingProps) {
  return announced ? <p role="status">{text}</p> : <p className="muted">{text}</p>;
}

interface LoadStateProps<T> extends LoadingProps {
  data: T | undefined;
  error: string | undefined;
  /** What could not be loaded, said before the reason. */
  errorLead: string;
  onRetry(): void;
  /** What is shown once the data is there. */
  children(data: T): ReactNode;
}

/** The error (with "Tentar de novo"), the loading line, or what the data makes. */
export function LoadState<T>({ data, error, errorLead, onRetry, text, announced, children }: LoadStateProps<T>) {
  if (error) return <LoadError lead={errorLead} error={error} onRetry={onRetry} />;
  if (data === undefined) return <Loading text={text} announced={announced} />;
  return <>{children(data)}</>;
}
