import { useEffect, useRef } from 'react';

/** The keyboard shortcuts of the item and report views; the help overlay (`?`) and README list the same table. */
export const SHORTCUTS: Array<{ keys: string; what: string }> = [
  { keys: 'b', what: 'verdict: baseline (illegal everywhere)' },
  { keys: 'n', what: 'verdict: national (illegal here)' },
  { keys: 'x', what: 'verdict: not illegal' },
  { keys: 'u', what: 'verdict: not reachable' },
  { keys: '1 / 2 / 3', what: 'IWF category A / B / C' },
  { keys: 'r', what: 'reveal the image (blurred)' },
  { keys: 'h (hold)', what: 'show the revealed image clear while held' },
  { keys: 'Enter', what: 'submit the decision' },
  { keys: '?', what: 'show or hide this help' },
  { keys: 'Esc', what: 'close this help' },
];

/** Typing in a field is typing, not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Window key handlers for as long as the component is mounted; the latest handler is always the one called. */
export function useKeys(onDown: (e: KeyboardEvent) => void, onUp?: (e: KeyboardEvent) => void): void {
  const down = useRef(onDown);
  const up = useRef(onUp);
  down.current = onDown;
  up.current = onUp;
  useEffect(() => {
    const d = (e: KeyboardEvent) => down.current(e);
    const u = (e: KeyboardEvent) => up.current?.(e);
    window.addEventListener('keydown', d);
    window.addEventListener('keyup', u);
    return () => {
      window.removeEventListener('keydown', d);
      window.removeEventListener('keyup', u);
    };
  }, []);
}
