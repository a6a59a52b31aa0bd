import {
  isRequestChannel,
  parseRequestArgs,
  REQUEST_CHANNELS,
  type IpcError,
  type IpcResponse,
  type ParsedArgs,
  type RequestChannel,
  type RequestResult,
} from '../../shared/ipc/contract';

/**
 * The parts of Electron's IpcMain and IpcMainInvokeEvent this module reads, so tests can pass
 * a small fake; the real ipcMain satisfies these shapes.
 */
export type FrameLike = { readonly url: string };
/**
 * The page that made a call (Electron's WebContents): its main frame for the sender check, and
 * postMessage for what cannot travel in an answer, such as the sync store's MessagePort.
 */
export type IpcSender = {
  readonly mainFrame: FrameLike;
  postMessage(channel: string, message: unknown, transfer?: unknown[]): void;
};
export type InvokeEvent = { readonly senderFrame: FrameLike | null; readonly sender: IpcSender };
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
};

/** Who asked: handed to a handler only after the sender check passed. */
export type RequestContext = { readonly sender: IpcSender };
export type RequestHandler<C extends RequestChannel> = (args: ParsedArgs<C>, context: RequestContext) => RequestResult<C> | Promise<RequestResult<C>>;
export type RequestHandlers = { [C in RequestChannel]: RequestHandler<C> };
export type SenderCheck = (event: InvokeEvent) => boolean;

const originOf = (url: string): string | null => {
  try {
    const parsed = new URL(url);
    // Node gives custom schemes an opaque origin ('null'); Chromium treats the app's registered
    // standard scheme (app://console) as scheme + host, and so must the check. No host, no origin.
    if (parsed.origin === 'null' && parsed.host !== '' && /^[a-z][a-z0-9+.-]*:$/.test(parsed.protocol)) return `${parsed.protocol}//${parsed.host}`;
    return parsed.origin;
  } catch {
    return null;
  }
};

/**
 * Trusts a call only from the main frame of a page on `trustedOrigin`: an iframe (an embedded
 * attachment preview, an ad on a knowledge-base page) or a page the window was navigated to must
 * not reach the session or the shell.
 */
export const isTrustedSenderFor =
  (trustedOrigin: string): SenderCheck =>
  (event) => {
    const frame = event.senderFrame;
    // Null when the frame navigated away or was destroyed while the call was in flight.
    if (frame === null || frame !== event.sender.mainFrame) return false;
    const origin = originOf(frame.url);
    return origin !== null && origin !== 'null' && origin === trustedOrigin;
  };

const refuse = (code: IpcError['code'], message: string): { ok: false; error: IpcError } => ({ ok: false, error: { code, message } });

const registerOne = <C extends RequestChannel>(ipcMain: IpcMainLike, channel: C, handler: RequestHandlers[C], isTrustedSender: SenderCheck): void => {
  ipcMain.handle(channel, async (event, ...rawArgs): Promise<IpcResponse<C>> => {
    if (!isTrustedSender(event)) {
      return refuse('forbidden_sender', `${channel}: refused a call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
    }
    // The bridge sends one args object; more means a caller that is not the bridge.
    if (rawArgs.length > 1) return refuse('invalid_args', `${channel}: expected one argument, got ${rawArgs.length}`);
    const parsed = parseRequestArgs(channel, rawArgs[0]);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, value: await handler(parsed.args, { sender: event.sender }) };
    } catch (error) {
      // Electron would send the page only "Error invoking remote method"; a reason it can show is better.
      return refuse('handler_failed', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
};

/**
 * Registers one handler per contract channel. Each call is checked before its handler runs:
 * the sender (see isTrustedSenderFor), then the args against the channel's schema; a refusal is
 * an IpcResponse with ok false, never a call to the handler. Returns a function that removes them.
 */
export const registerIpcHandlers = (ipcMain: IpcMainLike, handlers: RequestHandlers, isTrustedSender: SenderCheck): (() => void) => {
  const channels = REQUEST_CHANNELS.filter(isRequestChannel);
  for (const channel of channels) registerOne(ipcMain, channel, handlers[channel], isTrustedSender);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
};
