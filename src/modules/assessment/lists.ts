// Small lists built item by item. Most lists the engine builds per claim are empty or hold one to
// three items, and V8 reserves 17 or more slots when an item is pushed onto a list of 0–2 items:
// over 100 bytes of garbage per list, several lists per claim. These helpers build such lists at
// their exact size instead.

const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * The shared empty list, to start a list that `append` builds. It is frozen (pushing onto it
 * throws), so it must never reach the engine's output: give the output a fresh `[]` instead.
 */
export function emptyList<T>(): T[] {
  return EMPTY as T[];
}

/**
 * `list` with `item` appended: a list of 0–2 items is replaced by an array literal one item longer
 * (which reserves exactly its items), a longer list is pushed onto. Keep the returned list
 * (`list = append(list, item)`), never an alias of the old one.
 */
export function append<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0] as T, item];
    case 2:
      return [list[0] as T, list[1] as T, item];
    default:
      list.push(item);
      return list;
  }
}
