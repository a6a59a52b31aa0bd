import { APP_SCHEME } from './appScheme';

/**
 * Where the console window may go. The page is ours alone: it may move within its own origin,
 * and anything else either opens in the system browser (plain web links) or nowhere at all.
 */

const parse = (value: string): URL | null => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/**
 * A URL's origin as Chromium serialises it, or null when it is no URL. Node's URL gives a real
 * origin only to the web's special schemes (http, https, ws, file...); our `app:` scheme is
 * registered as standard, so in the page it has one (`app://console`) and must have one here too,
 * or every check against APP_ORIGIN would fail. Other schemes (`meja:`, `data:`) stay "null".
 */
export const originOf = (value: string): string | null => {
  const url = parse(value);
  if (!url) return null;
  if (url.origin !== 'null') return url.origin;
  if (url.protocol === `${APP_SCHEME}:` && url.host !== '' && url.port === '') return `${url.protocol}//${url.host.toLowerCase()}`;
  return 'null';
};

/**
 * True only for a URL on exactly `appOrigin` (scheme, host and port). Opaque origins (`file:`,
 * `data:`, `javascript:`) serialise as "null" and so never match a real origin.
 */
export const isAllowedNavigation = (target: string, appOrigin: string): boolean => {
  const origin = originOf(target);
  const app = originOf(appOrigin);
  if (origin === null || app === null || app === 'null') return false;
  return origin === app;
};

/**
 * The URL to hand to the system browser, or null. Only http(s), never with a user name or
 * password in it (a classic way to disguise the real host), and returned re-serialised so the
 * browser receives what we checked rather than the raw string.
 */
export const externalUrlToOpen = (value: string): string | null => {
  const url = parse(value.trim());
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
};

/**
 * Which browser permissions the page gets: only writing to the clipboard (the Copy buttons; the
 * sanitized write needs a user gesture), and only for our own origin. Camera, microphone,
 * location, notifications through the web API, fullscreen and the rest are refused.
 */
export const isPermissionGranted = (permission: string, requestingUrl: string, appOrigin: string): boolean =>
  permission === 'clipboard-sanitized-write' && isAllowedNavigation(requestingUrl, appOrigin);
