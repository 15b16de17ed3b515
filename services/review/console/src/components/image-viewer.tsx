import { useEffect, useState } from 'react';
import { ApiError, request } from '../api';
import { navigate } from '../router';
import { isTyping, useKeys } from '../shortcuts';
import { ErrorNote } from './error-note';
import { EXPOSURE_CHANGED } from './header';

/** blurStrength 0–100 → a CSS blur radius; 100 hides all detail of a typical image. */
export const blurPx = (strength: number) => Math.round((Math.max(0, Math.min(100, strength)) / 100) * 40);

/**
 * Nothing is loaded until Reveal: each reveal is one audited fetch that counts towards the daily exposure. The
 * bytes stay in a blob URL (revoked when the view closes) and are shown blurred and grey by the user's
 * blurStrength; pressing and holding the image (mouse, touch, or the `h` key) shows it clear only while held.
 */
export function ImageViewer({
  itemId,
  blurStrength,
  meta,
  bytesDeletedAt,
}: {
  itemId: string;
  blurStrength: number;
  meta?: { mime: string; width: number | null; height: number | null } | null;
  bytesDeletedAt?: string | null;
}) {
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

  // A hold ends whenever the window loses focus: the image must not stay clear behind another window.
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
      const res = await request('GET', `/api/items/${encodeURIComponent(itemId)}/image`);
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

  return (
    <section className="image-area" aria-label="Image">
      {meta && (
        <p className="muted" data-testid="image-meta">
          {meta.mime}
          {meta.width && meta.height ? ` · ${meta.width}×${meta.height}` : ''}
        </p>
      )}
      {gone ? (
        <p className="notice" data-testid="content-missing">
          The bytes were deleted under the retention rules; hashes remain, so copies are still recognised.
          {bytesDeletedAt ? ` Deleted ${new Date(bytesDeletedAt).toLocaleString()}.` : ''}
        </p>
      ) : code === 'lease_required' ? (
        <div className="notice warn" data-testid="lease-required">
          <p>You do not hold this item, so its image stays hidden. Analysts view what they are judging: take items with “Next item” in the queue.</p>
          <button type="button" className="secondary" onClick={() => navigate('/')} data-testid="lease-required-queue">
            Go to the queue
          </button>
        </div>
      ) : !url ? (
        <div className="image-placeholder">
          <p>The image is not loaded. Revealing it is recorded and counts towards today&apos;s exposure.</p>
          <button type="button" onClick={() => void reveal()} disabled={busy} data-testid="reveal">
            Reveal (blurred)
          </button>
        </div>
      ) : (
        <figure>
          <img
            src={url}
            alt="Reported content. Press and hold, or hold the h key, to see it clear."
            data-testid="image"
            data-clear={held ? 'true' : 'false'}
            draggable={false}
            className="revealed"
            style={{ filter: held ? 'none' : `blur(${blurPx(blurStrength)}px) grayscale(1)` }}
            onPointerDown={(e) => {
              e.preventDefault();
              setHeld(true);
            }}
            onPointerUp={() => setHeld(false)}
            onPointerLeave={() => setHeld(false)}
            onPointerCancel={() => setHeld(false)}
            onContextMenu={(e) => e.preventDefault()}
          />
          <figcaption className="muted">Press and hold (or hold h) to see it clear.</figcaption>
        </figure>
      )}
      {!gone && code !== 'lease_required' && <ErrorNote error={error} testId="image-error" />}
    </section>
  );
}
