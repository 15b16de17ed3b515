import { z } from 'zod';
import { configFields, type ConfigOf } from '@hotline/platform';

/** Video limits and the ffmpeg binaries: the hasher's, and anyone hashing a video as it does. */
export const videoConfig = {
  /** Found on PATH by default (Debian's `ffmpeg` package ships both). */
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
  /** Longer videos (at most 3600: a video.hashed event carries one frame per second) (as ffprobe reads them, or as decoding finds them) are refused. */
  VIDEO_MAX_SECONDS: configFields.int(1, 3600).default(1800),
  VIDEO_MAX_BYTES: configFields.positiveInt.default(524_288_000),
  /** The whole run (probe and decode) of one video; ffmpeg's process group is killed after it. */
  VIDEO_TIMEOUT_SECONDS: configFields.int(1, 3600).default(300),
  /** Frames are scaled to fit this many pixels on their longer side before PDQ. */
  VIDEO_FRAME_MAX_SIDE: configFields.int(64, 2048).default(512),
};

export type VideoConfig = ConfigOf<typeof videoConfig>;
