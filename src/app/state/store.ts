/**
 * A tiny store: one state value, changed only by producers `(state, ...args) =>
 * state`, and listeners that subscribe to a slice through a selector and run
 * only when that slice changes. Modelled on Gephi Lite's producers and derived
 * atoms, small enough not to need a library.
 */
export type Producer<S, A extends readonly unknown[]> = (state: S, ...args: A) => S;

type Equals<T> = (a: T, b: T) => boolean;

interface Subscription<S> {
  check(state: S): void;
}

export class Store<S> {
  private state: S;
  private readonly subscriptions = new Set<Subscription<S>>();
  /** A dispatch made by a listener runs after the current round, so every listener sees states in order. */
  private queue: Array<(state: S) => S> = [];
  private dispatching = false;

  constructor(initial: S) {
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  dispatch<A extends readonly unknown[]>(producer: Producer<S, A>, ...args: A): void {
    this.queue.push((state) => producer(state, ...args));
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue.shift()!(this.state);
        if (next === this.state) continue;
        this.state = next;
        for (const subscription of [...this.subscriptions]) subscription.check(next);
      }
    } finally {
      this.dispatching = false;
      this.queue = [];
    }
  }

  /** Calls `listener` whenever `select(state)` changes (by `equals`, default Object.is). Returns the unsubscribe. */
  subscribe<T>(select: (state: S) => T, listener: (value: T, previous: T) => void, equals: Equals<T> = Object.is): () => void {
    let current = select(this.state);
    const subscription: Subscription<S> = {
      check: (state) => {
        const value = select(state);
        if (equals(value, current)) return;
        const previous = current;
        current = value;
        listener(value, previous);
      },
    };
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }
}

/** Equal when every element is the same value (for selectors that pick several fields). */
export function shallowEqual<T extends readonly unknown[]>(a: T, b: T): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Remembers the last result of `compute` and returns it again while every input
 * is the same value: derived data (visibility, sizes, a path) is recomputed only
 * when something it depends on changed.
 */
export function memo<I extends readonly unknown[], R>(compute: (...inputs: I) => R): (...inputs: I) => R {
  let last: { inputs: I; result: R } | null = null;
  return (...inputs: I) => {
    if (last && shallowEqual(last.inputs, inputs)) return last.result;
    const result = compute(...inputs);
    last = { inputs, result };
    return result;
  };
}
