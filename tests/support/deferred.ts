/** A promise the test resolves by hand, to hold a transaction open at a chosen moment. */
export const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};
