import { useEffect, useRef, useState } from 'react';
import { ApiError, request } from '../api';
import { navigate } from '../router';
import { isTyping, useKeys } from '../shortcuts';
import type { VideoDetail } from '../types';
import { ErrorNote } from './error-note';
import { FrameStrip, mmss } from './frame-strip';
import { EXPOSURE_CHANGED } from './header';
import { blurPx } from './image-viewer';

/**
 * A video item: the matched frames as server-blurred thumbnails first; the video itself only after Reveal (one
 * audited fetch counted in the daily exposure, kept in a blob URL revoked when the view closes). It plays muted —
 * the sound is never needed to judge and the volume control is hidden, re-muted if anything unmutes it — blurred and
 * grey at the user's blurStrength, clear only while pressed or while the `h` key is held, as an image.
 */
export function VideoViewer({
  itemId,
  blurStrength,
  video,
  bytesDeletedAt,
}: {
  itemId: string;
  blurStrength: number;
  video: VideoDetail;
  bytesDeletedAt?: string | null;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const player = useRef<HTMLVideoElement | null>(null);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  useEffect(() => {
    const release = () => setHeld(false);
    window.addEventListener('blur', release);
    return () => window.removeEventListener('blur', release);
  }, []);

  // React does not reflect `muted` as an attribute: set the property once the element exists.
  useEffect(() => {
    if (player.current) silence(player.current);
  }, [url]);

  const code = error instanceof ApiError ? error.code : null;
  const gone = Boolean(bytesDeletedAt) || code === 'content_missing';

  async function reveal() {
    if (url || busy || gone) return;
    setBusy(true);
    setError(null);
    try {
      const res = await request('GET', `/api/items/${encodeURIComponent(itemId)}/video`);
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
    <section className="image-area video-area" aria-label="Video">
      <p className="muted" data-testid="video-meta">
        {video.mime ?? 'video'}
        {video.width && video.height ? ` · ${video.width}×${video.height}` : ''}
        {video.durationMs !== null ? ` · ${mmss(video.durationMs)}` : ''} · {video.frameCount} frames sampled, {video.matchedFramesMs.length} matched
      </p>
      {!gone && <FrameStrip itemId={itemId} video={video} />}
      {gone ? (
        <p className="notice" data-testid="content-missing">
          The bytes were deleted under the retention rules; hashes remain, so copies are still recognised.
          {bytesDeletedAt ? ` Deleted ${new Date(bytesDeletedAt).toLocaleString()}.` : ''}
        </p>
      ) : code === 'lease_required' ? (
        <div className="notice warn" data-testid="lease-required">
          <p>You do not hold this item, so its video stays hidden. Analysts view what they are judging: take items with “Next item” in the queue.</p>
          <button type="button" className="secondary" onClick={() => navigate('/')} data-testid="lease-required-queue">
            Go to the queue
          </button>
        </div>
      ) : !url ? (
        <div className="image-placeholder">
          <p>The video is not loaded. Revealing it is recorded and counts towards today&apos;s exposure. It plays muted.</p>
          <button type="button" onClick={() => void reveal()} disabled={busy} data-testid="reveal">
            Reveal video (blurred, muted)
          </button>
        </div>
      ) : (
        <figure>
          <video
            ref={player}
            src={url}
            muted
            playsInline
            controls
            controlsList="nodownload noremoteplayback noplaybackrate"
            disablePictureInPicture
            preload="metadata"
            aria-label="Reported video, muted. Press and hold, or hold the h key, to see it clear."
            data-testid="video"
            data-clear={held ? 'true' : 'false'}
            className="revealed"
            style={{ filter: held ? 'none' : `blur(${blurPx(blurStrength)}px) grayscale(1)` }}
            onVolumeChange={(e) => silence(e.currentTarget)}
            onPointerDown={() => setHeld(true)}
            onPointerUp={() => setHeld(false)}
            onPointerLeave={() => setHeld(false)}
            onPointerCancel={() => setHeld(false)}
            onContextMenu={(e) => e.preventDefault()}
          />
          <figcaption className="muted">Muted. Press and hold (or hold h) to see it clear.</figcaption>
        </figure>
      )}
      {!gone && code !== 'lease_required' && <ErrorNote error={error} testId="video-error" />}
    </section>
  );
}

function silence(v: HTMLVideoElement): void {
  if (!v.muted) v.muted = true;
  if (v.volume !== 0) v.volume = 0;
}
