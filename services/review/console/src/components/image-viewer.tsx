import { mediaWithheld } from './media-withheld';
import { ErrorNote } from './error-note';
import { blurPx, useReveal } from './use-reveal';

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
  const { url, held, setHeld, busy, error, code, gone, reveal, holdHandlers } = useReveal(`/api/items/${encodeURIComponent(itemId)}/image`, bytesDeletedAt);

  return (
    <section className="image-area" aria-label="Image">
      {meta && (
        <p className="muted" data-testid="image-meta">
          {meta.mime}
          {meta.width && meta.height ? ` · ${meta.width}×${meta.height}` : ''}
        </p>
      )}
      {mediaWithheld('image', gone, code, bytesDeletedAt) ??
        (!url ? (
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
              {...holdHandlers}
            />
            <figcaption className="muted">Press and hold (or hold h) to see it clear.</figcaption>
          </figure>
        ))}
      {!gone && code !== 'lease_required' && <ErrorNote error={error} testId="image-error" />}
    </section>
  );
}
