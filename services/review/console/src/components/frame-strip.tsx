import type { VideoDetail } from '../types';

/** 0 → "00:00", 75 000 → "01:15": the time of a sampled frame as a player shows it. */
export function mmss(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** At most this many frames in the strip: each is one server-side decode of the video. */
const STRIP_MAX = 24;

/**
 * The matched frames of a video, as thumbnails the server blurred and greyed (never the clear frame), each with its
 * time and what it matched: a list entry (PDQ of that frame) or a known video (vPDQ share, both ways).
 */
export function FrameStrip({ itemId, video }: { itemId: string; video: VideoDetail }) {
  const shown = video.matchedFramesMs.slice(0, STRIP_MAX);
  const whatAt = (t: number) => [
    ...video.listMatches.filter((m) => m.timestampsMs.includes(t)).map((m) => `${m.listName}${m.category ? ` (${m.category})` : ''}`),
    ...video.videoMatches.filter((v) => v.timestampsMs.includes(t)).map((v) => `${v.listName}: ${v.videoId}`),
  ];
  return (
    <section aria-label="Matched frames" data-testid="frame-strip">
      {video.videoMatches.length > 0 && (
        <ul className="video-matches" data-testid="video-matches">
          {video.videoMatches.map((v) => (
            <li key={`${v.listName}/${v.videoId}`} data-testid="video-match">
              Known video <strong>{v.videoId}</strong> of {v.listName}
              {v.category ? ` · category ${v.category}` : ''}: {percent(v.queryShare)} of this video’s frames ({v.queryMatched}/{v.queryFrames}),{' '}
              {percent(v.knownShare)} of the known video’s ({v.knownMatched}/{v.knownFrames})
            </li>
          ))}
        </ul>
      )}
      {shown.length === 0 ? (
        <p className="muted" data-testid="no-matched-frames">
          No frame matched a list.
        </p>
      ) : (
        <ol className="frames">
          {shown.map((t) => (
            <li key={t} data-testid="matched-frame" data-timestamp-ms={t}>
              <img
                className="thumb"
                src={`/api/items/${encodeURIComponent(itemId)}/frames/${t}/thumbnail`}
                alt={`Blurred frame at ${mmss(t)}`}
                loading="lazy"
                width={96}
                height={96}
              />
              <span className="frame-time">{mmss(t)}</span>
              <span className="muted frame-what">{whatAt(t).join(', ')}</span>
            </li>
          ))}
        </ol>
      )}
      {video.matchedFramesMs.length > shown.length && (
        <p className="muted">
          {video.matchedFramesMs.length - shown.length} more matched frames not shown (of {video.frameCount} sampled).
        </p>
      )}
    </section>
  );
}
