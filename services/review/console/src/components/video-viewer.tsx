import { useEffect, useRef } from 'react';
import { mediaWithheld } from './media-withheld';
import type { VideoDetail } from '../types';
import { ErrorNote } from './error-note';
import { FrameStrip, mmss } from './frame-strip';
import { blurPx, useReveal } from './use-reveal';

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
  const { url, held, setHeld, busy, error, code, gone, reveal, holdHandlers } = useReveal(`/api/items/${encodeURIComponent(itemId)}/video`, bytesDeletedAt);
  const player = useRef<HTMLVideoElement | null>(null);

  // React does not reflect `muted` as an attribute: set the property once the element exists.
  useEffect(() => {
    if (player.current) silence(player.current);
  }, [url]);

  return (
    <section className="image-area video-area" aria-label="Video">
      <p className="muted" data-testid="video-meta">
        {video.mime ?? 'video'}
        {video.width && video.height ? ` · ${video.width}×${video.height}` : ''}
        {video.durationMs !== null ? ` · ${mmss(video.durationMs)}` : ''} · {video.frameCount} frames sampled, {video.matchedFramesMs.length} matched
      </p>
      {!gone && <FrameStrip itemId={itemId} video={video} />}
      {mediaWithheld('video', gone, code, bytesDeletedAt) ??
        (!url ? (
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
              {...holdHandlers}
            />
            <figcaption className="muted">Muted. Press and hold (or hold h) to see it clear.</figcaption>
          </figure>
        ))}
      {!gone && code !== 'lease_required' && <ErrorNote error={error} testId="video-error" />}
    </section>
  );
}

function silence(v: HTMLVideoElement): void {
  if (!v.muted) v.muted = true;
  if (v.volume !== 0) v.volume = 0;
}
