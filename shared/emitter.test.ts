import { describe, expect, it } from 'vitest';
import { createEmitter } from './emitter';

describe('createEmitter', () => {
  it('calls every listener in the order added, until it is removed', () => {
    const emitter = createEmitter<number>();
    const heard: string[] = [];
    const offA = emitter.on((n) => heard.push(`a${n}`));
    emitter.on((n) => heard.push(`b${n}`));
    emitter.emit(1);
    offA();
    offA();
    emitter.emit(2);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.size()).toBe(1);
    emitter.clear();
    emitter.emit(3);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });

  it('counts one function added twice as two listeners, each removed by its own call', () => {
    const emitter = createEmitter();
    let calls = 0;
    const listener = () => void (calls += 1);
    const first = emitter.on(listener);
    emitter.on(listener);
    emitter.emit();
    first();
    emitter.emit();
    expect(calls).toBe(3);
  });

  it('lets the other listeners hear when one throws, and hands the error to onListenerError', () => {
    const errors: unknown[] = [];
    const emitter = createEmitter<string>({ onListenerError: (error) => errors.push(error) });
    const heard: string[] = [];
    emitter.on(() => {
      throw new Error('broken screen');
    });
    emitter.on((value) => heard.push(value));
    emitter.emit('x');
    expect(heard).toEqual(['x']);
    expect(errors).toEqual([new Error('broken screen')]);
  });

  it('throws the first error again after every listener ran, when nobody takes errors', () => {
    const emitter = createEmitter();
    const heard: string[] = [];
    emitter.on(() => {
      throw new Error('first');
    });
    emitter.on(() => {
      throw new Error('second');
    });
    emitter.on(() => heard.push('last'));
    expect(() => emitter.emit()).toThrow('first');
    expect(heard).toEqual(['last']);
  });

  it('delivers an event to the listeners there were when it started', () => {
    const emitter = createEmitter();
    const heard: string[] = [];
    let offB: () => void = () => undefined;
    emitter.on(() => {
      heard.push('a');
      offB();
      emitter.on(() => heard.push('late'));
    });
    offB = emitter.on(() => heard.push('b'));
    emitter.emit();
    expect(heard).toEqual(['a', 'b']);
    emitter.emit();
    expect(heard).toEqual(['a', 'b', 'a', 'late']);
  });
});
