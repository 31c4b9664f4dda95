import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './client';

export interface ApiResource<T> {
  /** What the server answered (undefined until the first answer). */
  data: T | undefined;
  /** The pt-BR reason the last load failed, if it did. */
  error: string | undefined;
  /** Neither data nor an error yet. */
  loading: boolean;
  reload(): Promise<void>;
  /** For a screen that updates what it loaded after a save, without asking the server again. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * GET `path` when the screen opens, keeping what it answered and why it failed; `reload` asks again
 * (the "Tentar de novo" button, or after a change). A failed reload keeps the data already shown.
 */
export function useApiResource<T>(path: string): ApiResource<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();

  // Only the latest request's answer counts: a reload after a change (a key just created) must not
  // be overwritten by an older request that answers after it.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const answer = await api.get<T>(path);
      if (request !== latest.current) return;
      setData(answer);
      setError(undefined);
    } catch (caught) {
      if (request === latest.current) setError(errorMessage(caught));
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading: data === undefined && error === undefined, reload, setData };
}
