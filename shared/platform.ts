/**
 * Web platform globals that Node 20, Chromium and Electron all provide, typed structurally
 * because shared/ compiles without DOM or Node typings (so nothing else from them leaks in).
 */
type WebCrypto = {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
};

type Utf8Decoder = { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
type Utf8DecoderConstructor = new () => Utf8Decoder;

type PlatformGlobals = { crypto: WebCrypto; TextDecoder: Utf8DecoderConstructor };

// The one place shared/ reaches for globals; every supported runtime defines both.
const platform = globalThis as unknown as PlatformGlobals;

export const randomUuid = (): string => platform.crypto.randomUUID();

export const randomBytes = (length: number): Uint8Array => platform.crypto.getRandomValues(new Uint8Array(length));

export const makeUtf8Decoder = (): Utf8Decoder => new platform.TextDecoder();

/** Timers, injected into the sync engine so tests can drive time. */
export type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

type TimerGlobals = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

const timerGlobals = globalThis as unknown as TimerGlobals;

export const platformTimers: Timers = {
  setTimeout: (callback, ms) => timerGlobals.setTimeout(callback, ms),
  clearTimeout: (handle) => timerGlobals.clearTimeout(handle),
};

export type AbortSignalLike = { readonly aborted: boolean };
export type AbortControllerLike = { readonly signal: AbortSignalLike; abort(reason?: unknown): void };

export const makeAbortController = (): AbortControllerLike =>
  new (globalThis as unknown as { AbortController: new () => AbortControllerLike }).AbortController();
