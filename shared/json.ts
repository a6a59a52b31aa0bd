/** Whether a parsed JSON value is an object whose fields can be read (not null, not a primitive). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Parses an answer's body, or null when it is not JSON (a proxy's error page, a cut answer): the caller says what it expected. */
export const parseJsonOrNull = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
