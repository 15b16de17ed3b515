-- Videos (issue 12): a video content keeps its file digests on `contents` (md5, sha1, sha256, width, height;
-- blockhash, pdq and pdq_variants stay NULL) and its sampled frames here, one per second.
ALTER TABLE contents ADD COLUMN duration_ms int;

CREATE TABLE content_frames (
  content_id   uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
  timestamp_ms int NOT NULL,
  pdq          text COLLATE "C" NOT NULL CHECK (pdq ~ '^[0-9a-f]{64}$'),
  quality      int NOT NULL,
  PRIMARY KEY (content_id, timestamp_ms)
);

-- A PDQ list hit by frames of a video: how many of its frames, at which times (ms). NULL for images.
ALTER TABLE matches ADD COLUMN frame_count int;
ALTER TABLE matches ADD COLUMN frame_timestamps_ms jsonb;

-- Video lists: frame hashes of known videos (vPDQ style), matched by the share of frames in common.
CREATE TABLE video_lists (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  source     text NOT NULL DEFAULT 'own',
  enabled    boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE known_video_frames (
  list_id      int NOT NULL REFERENCES video_lists (id) ON DELETE CASCADE,
  video_id     text NOT NULL,
  timestamp_ms int NOT NULL,
  pdq          text COLLATE "C" NOT NULL CHECK (pdq ~ '^[0-9a-f]{64}$'),
  quality      int,
  category     text,
  PRIMARY KEY (list_id, video_id, timestamp_ms)
);

-- A query video that shares enough frames with a known video, both ways (MATCH_VIDEO_MIN_SHARE).
CREATE TABLE video_matches (
  content_id     uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
  list_id        int NOT NULL REFERENCES video_lists (id) ON DELETE CASCADE,
  video_id       text NOT NULL,
  list_name      text NOT NULL,
  category       text,
  query_matched  int NOT NULL,
  query_frames   int NOT NULL,
  known_matched  int NOT NULL,
  known_frames   int NOT NULL,
  best_distance  int NOT NULL,
  timestamps_ms  jsonb NOT NULL,
  PRIMARY KEY (content_id, list_id, video_id)
);
