import { DecodeError } from '@hotline/platform';
import { lastError, runTool } from './run-tool';

export interface VideoProbe {
  durationSeconds: number;
  /** As displayed: swapped when the stream says it is rotated by 90° or 270°. */
  width: number;
  height: number;
}

interface ProbeJson {
  format?: { duration?: string };
  streams?: Array<{
    codec_type?: string;
    width?: number;
    height?: number;
    duration?: string;
    tags?: { rotate?: string };
    side_data_list?: Array<{ rotation?: number }>;
  }>;
}

/** ffprobe of a local file read only by the given demuxer, over the file protocol only. */
export async function probeVideo(ffprobe: string, file: string, demuxer: string, deadline: number): Promise<VideoProbe> {
  const args = [
    '-v',
    'error',
    '-protocol_whitelist',
    'file',
    '-f',
    demuxer,
    '-show_entries',
    'format=duration:stream=codec_type,width,height,duration:stream_tags=rotate:stream_side_data=rotation',
    '-of',
    'json',
    file,
  ];
  const run = await runTool(ffprobe, args, { deadline, maxStdout: 262_144 });
  if (run.code !== 0) throw new DecodeError(`not a readable video: ${lastError(run.stderr)}`);
  let json: ProbeJson;
  try {
    json = JSON.parse(run.stdout.toString('utf8')) as ProbeJson;
  } catch {
    throw new DecodeError('not a readable video: the prober gave no description');
  }
  const video = json.streams?.find((s) => s.codec_type === 'video' && (s.width ?? 0) > 0 && (s.height ?? 0) > 0);
  if (!video) throw new DecodeError('the file holds no video stream');
  const duration = Number(json.format?.duration ?? video.duration);
  if (!Number.isFinite(duration) || duration <= 0) throw new DecodeError('the video declares no usable duration');
  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height!, video.width!] : [video.width!, video.height!];
  return { durationSeconds: duration, width, height };
}
