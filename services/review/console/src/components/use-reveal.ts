import { useEffect, useState } from 'react';
import { ApiError, request } from '../api';
import { isTyping, useKeys } from '../shortcuts';
import { EXPOSURE_CHANGED } from './header';

/** blurStrength 0–100 → a CSS blur radius; 100 hides all detail of a typical image. */
export const blurPx = (strength: number) => Math.round((Math.max(0, Math.min(100, strength)) / 100) * 40);

/**
 * What an image and a video item share: nothing is loaded until Reveal (`r`), one audited fetch of `path` that counts
 * towards the daily exposure; the bytes stay in a blob URL revoked when the view closes; the content is clear only
 * while held (pointer, or the `h` key), and a hold ends when the window loses focus.
 */
export function useReveal(path: string, bytesDeletedAt: string | null | undefined) {
  const [url, setUrl] = useState<string | null>(null);
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  // A hold ends whenever the window loses focus: the content must not stay clear behind another window.
  useEffect(() => {
    const release = () => setHeld(false);
    window.addEventListener('blur', release);
    return () => window.removeEventListener('blur', release);
  }, []);

  const code = error instanceof ApiError ? error.code : null;
  const gone = Boolean(bytesDeletedAt) || code === 'content_missing';

  async function reveal() {
    if (url || busy || gone) return;
    setBusy(true);
    setError(null);
    try {
      const res = await request('GET', path);
      setUrl(URL.createObjectURL(await res.blob()));
      window.dispatchEvent(new Event(EXPOSURE_CHANGED));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  useKeys(
    (e) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'r') void reveal();
      if (e.key === 'h' && url) setHeld(true);
    },
    (e) => {
      if (e.key === 'h') setHeld(false);
    },
  );

  /** Pointer handlers of the revealed element: clear while pressed. */
  const holdHandlers = {
    onPointerUp: () => setHeld(false),
    onPointerLeave: () => setHeld(false),
    onPointerCancel: () => setHeld(false),
    onContextMenu: (e: { preventDefault(): void }) => e.preventDefault(),
  };

  return { url, held, setHeld, busy, error, code, gone, reveal, holdHandlers };
}
