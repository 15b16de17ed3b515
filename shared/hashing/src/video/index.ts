export { videoConfig, type VideoConfig } from './config';
export { hashVideo, videoOptions, type HashedVideo, type HashVideoOptions, type VideoFrameHash } from './hash-video';
export { checkVideoTools } from './check-tools';
export { isVideoMime, sniffVideo, VIDEO_FORMAT_LABELS, VIDEO_FORMATS, videoFormatOfMime, type VideoFormat, type VideoMime } from './video-formats';
export { matchVideoFrames, type VideoFrameMatch } from './frame-share';
export { extractFrame, type ExtractFrameOptions } from './extract-frame';
export { removeStaleVideoTemp, VIDEO_TEMP_PREFIXES } from './stale-temp';
