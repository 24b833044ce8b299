import { useEffect } from 'react';

// Keyboard shortcuts for the frequent actions. A screen registers its keys with useShortcut while
// it is shown; the help overlay (`?`) lists what is registered right now, with each key's text.
// Keys are single characters or "mod+k"-style chords; typing in a field never triggers them
// (except Escape).

export type Shortcut = { keys: string; labelKey: string; run: () => void };

const active = new Set<Shortcut>();
const listeners = new Set<() => void>();

export function activeShortcuts(): Shortcut[] {
  return [...active];
}

export function onShortcutsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const l of listeners) l();
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.toLowerCase().split('+');
  const key = parts.pop();
  const mod = parts.includes('mod');
  if (mod !== (event.ctrlKey || event.metaKey)) return false;
  if (parts.includes('shift') !== event.shiftKey && key !== '?') return false;
  return event.key.toLowerCase() === key;
}

if (typeof window !== 'undefined') {
  window.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    for (const s of active) {
      if (!matches(event, s.keys)) continue;
      if (isTyping(event.target) && s.keys !== 'escape' && !s.keys.startsWith('mod+')) continue;
      event.preventDefault();
      s.run();
      return;
    }
  });
}

/** Registers `keys` while the calling component is mounted. */
export function useShortcut(keys: string, labelKey: string, run: () => void): void {
  useEffect(() => {
    const s: Shortcut = { keys, labelKey, run };
    active.add(s);
    changed();
    return () => {
      active.delete(s);
      changed();
    };
  }, [keys, labelKey, run]);
}
