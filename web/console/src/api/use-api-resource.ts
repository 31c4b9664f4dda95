import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
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

  const reload = useCallback(async () => {
    try {
      setData(await api.get<T>(path));
      setError(undefined);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading: data === undefined && error === undefined, reload, setData };
}
