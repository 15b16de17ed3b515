import { runTool } from './run-tool';

/** Whether ffmpeg and ffprobe start (`-version`): null when both do, else the reason for a warning. */
export async function checkVideoTools(cfg: { ffmpegPath: string; ffprobePath: string }): Promise<string | null> {
  for (const bin of [cfg.ffmpegPath, cfg.ffprobePath]) {
    try {
      const run = await runTool(bin, ['-version'], { deadline: Date.now() + 10_000 });
      if (run.code !== 0) return `${bin} -version exited with ${run.code}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  return null;
}
