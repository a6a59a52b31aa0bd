import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSseParser, type SseEvent } from './sse';

const stream = 'event: hello\ndata: {}\n\n: heartbeat\n\nevent: poke\ndata: {"a":1}\n\nevent: poke\r\ndata: x\r\ndata: y\r\n\r\n';
const expected: SseEvent[] = [
  { event: 'hello', data: '{}' },
  { event: 'poke', data: '{"a":1}' },
  { event: 'poke', data: 'x\ny' },
];

describe('SSE parser', () => {
  it('parses named events, multi-line data and ignores comments', () => {
    const seen: SseEvent[] = [];
    createSseParser((e) => seen.push(e))(stream);
    expect(seen).toEqual(expected);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), stream.length];
        const seen: SseEvent[] = [];
        const feed = createSseParser((e) => seen.push(e));
        for (let i = 1; i < points.length; i += 1) feed(stream.slice(points[i - 1], points[i]));
        expect(seen).toEqual(expected);
      }),
    );
  });
});
