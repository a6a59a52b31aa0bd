import { useCallback, useEffect, useState } from 'react';
import type { PublicUser } from '../../shared/domain/records';
import { listAccounts, type AccountsFailure, type AccountsTransport } from './accountsClient';

export type AccountsList = {
  /** Null until the first list arrives; kept (stale) when a later reload fails. */
  users: PublicUser[] | null;
  isLoading: boolean;
  failure: AccountsFailure | null;
  reload(): void;
  /** Puts an account the server just answered with into the list, in username order. */
  put(user: PublicUser): void;
};

const byUsername = (a: PublicUser, b: PublicUser) => a.username.localeCompare(b.username);

/** The accounts as the server has them, asked on mount and on reload; never cached (no offline copy). */
export const useAccounts = (transport: AccountsTransport): AccountsList => {
  const [users, setUsers] = useState<PublicUser[] | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [failure, setFailure] = useState<AccountsFailure | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    void listAccounts(transport).then((result) => {
      if (!isCurrent) return;
      setLoading(false);
      if (result.ok) {
        setUsers([...result.value].sort(byUsername));
        setFailure(null);
      } else {
        setFailure(result.failure);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [transport, generation]);
  // Loading is set here, where the reload is asked for; the first load starts as loading.
  const reload = useCallback(() => {
    setLoading(true);
    setGeneration((n) => n + 1);
  }, []);
  const put = useCallback((user: PublicUser) => setUsers((list) => [...(list ?? []).filter((other) => other.id !== user.id), user].sort(byUsername)), []);
  return { users, isLoading, failure, reload, put };
};
