import { addressKey, createRateLimiter } from '../rateLimiter';

/** Failed sign-ins allowed per account and minute unless configured (MEJA_LOGIN_ACCOUNT_RATE). */
export const DEFAULT_LOGIN_ACCOUNT_RATE = 10;
/** Failed sign-ins allowed per client address and minute unless configured (MEJA_LOGIN_ADDRESS_RATE). */
export const DEFAULT_LOGIN_ADDRESS_RATE = 30;

export type LoginLimit = 'account' | 'address';

/**
 * A refused attempt says which limits it is the first refusal of (since that bucket was last
 * full): the route records those once, so a flood of refused guesses cannot fill the audit log.
 */
export type LoginAttempt = { ok: true; succeeded(): void } | { ok: false; retryAfterSeconds: number; newlyThrottled: LoginLimit[] };

/**
 * Counts failed sign-ins per account (the normalised username, whether it exists or not, so a
 * refusal tells nothing about which names exist) and per client address (IPv6 per /64).
 *
 * Every attempt takes a token from both buckets before its password is checked, and a success
 * gives its tokens back, so only failures count. Taking first (rather than counting once the
 * check has failed) bounds failures even for guesses sent in parallel: each one in flight holds
 * a token. The price: more simultaneous sign-ins from one address than its rate (a whole office
 * behind one NAT at the same instant) briefly see 429 too, as do successes for an account while
 * it has that many in flight.
 *
 * A success resets nothing beyond its own tokens: were it to clear the address count, an attacker
 * holding one account could sign in between guesses and guess forever; were it to clear the
 * account count, the owner signing in would hand an ongoing attack a fresh budget.
 */
export type LoginLimits = {
  /** `account` is the normalised username. Refused when either bucket is empty; then no password may be checked. */
  attempt(account: string, ip: string): LoginAttempt;
};

export const createLoginLimits = ({ perAccount, perAddress, now = Date.now }: { perAccount: number; perAddress: number; now?: () => number }): LoginLimits => {
  const accounts = createRateLimiter({ perMinute: perAccount, now });
  const addresses = createRateLimiter({ perMinute: perAddress, now });
  return {
    attempt: (account, ip) => {
      const address = addressKey(ip);
      const byAccount = accounts.take(account);
      const byAddress = addresses.take(address);
      if (byAccount.ok && byAddress.ok) {
        return {
          ok: true,
          succeeded: () => {
            accounts.refund(account);
            addresses.refund(address);
          },
        };
      }
      // A refused attempt is no failure of the other bucket: give back what was taken there.
      if (byAccount.ok) accounts.refund(account);
      if (byAddress.ok) addresses.refund(address);
      const wait = Math.max(byAccount.ok ? 0 : byAccount.retryAfterSeconds, byAddress.ok ? 0 : byAddress.retryAfterSeconds);
      const newlyThrottled: LoginLimit[] = [];
      if (!byAccount.ok && byAccount.first) newlyThrottled.push('account');
      if (!byAddress.ok && byAddress.first) newlyThrottled.push('address');
      return { ok: false, retryAfterSeconds: wait, newlyThrottled };
    },
  };
};
