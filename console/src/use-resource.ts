import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api/client.ts';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** Loads what `load` fetches, again whenever `deps` change or `reload()` is called. */
export const useResource = <T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> => {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          error:
            error instanceof ApiError
              ? error
              : new ApiError(0, { type: 'about:blank', title: String(error), status: 0, code: 'INTERNAL' }),
          loading: false,
        }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
};
