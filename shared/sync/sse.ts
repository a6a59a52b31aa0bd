export type SseEvent = { event: string; data: string };

/**
 * An incremental parser for the text/event-stream format: feed it text as it arrives, in chunks
 * cut anywhere; it calls `onEvent` for each complete event. Comments (heartbeats) are ignored.
 */
export const createSseParser = (onEvent: (event: SseEvent) => void): ((chunk: string) => void) => {
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  const dispatch = () => {
    if (data.length > 0 || eventName !== '') onEvent({ event: eventName === '' ? 'message' : eventName, data: data.join('\n') });
    eventName = '';
    data = [];
  };
  return (chunk) => {
    buffer += chunk;
    // A chunk may end between the \r and \n of one line break: hold the \r back.
    const held = buffer.endsWith('\r') ? '\r' : '';
    const lines = buffer.slice(0, buffer.length - held.length).split(/\r\n|\r|\n/);
    buffer = (lines.pop() ?? '') + held;
    for (const line of lines) {
      if (line === '') dispatch();
      else if (line.startsWith(':')) continue;
      else {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') eventName = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
};
