// A bounded map from texts to what was worked out for them, for caches that documents of a thread share.

/**
 * Values for the texts most recently looked up, in two generations: lookups go to the current one, then to the
 * previous one (and bring the text forward); when the current one is full it becomes the previous one. Texts that
 * come back in every plan stay; a plan's own names and sentences drop out after a few plans. Cheaper per lookup than
 * an LRU list, which reordered itself on every word measured.
 */
export type RecentTexts<T> = { get(key: string): T | undefined; set(key: string, value: T): void };

export function recentTexts<T>(max: number): RecentTexts<T> {
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  const set = (key: string, value: T): void => {
    if (current.size >= max) {
      previous = current;
      current = new Map();
    }
    current.set(key, value);
  };
  return {
    get: (key) => {
      const value = current.get(key);
      if (value !== undefined) return value;
      const old = previous.get(key);
      if (old !== undefined) set(key, old);
      return old;
    },
    set,
  };
}
