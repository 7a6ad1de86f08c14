// aws-local-stepfunctions 3.0.0 declares Node >= 22 only for Promise.withResolvers; on Node 20 this
// module must be evaluated before the library is imported (library.ts imports it first).
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };

const promiseStatics = Promise as unknown as { withResolvers?: WithResolvers };

if (typeof promiseStatics.withResolvers !== 'function') {
  const withResolvers: WithResolvers = <T>() => {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
  Object.defineProperty(Promise, 'withResolvers', { value: withResolvers, writable: true, configurable: true });
}
