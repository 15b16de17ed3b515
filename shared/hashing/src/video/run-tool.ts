import { spawn } from 'node:child_process';
import { DecodeError } from '@hotline/platform';

/** Stderr kept for the reason: ffmpeg can print without end on a hostile file. */
const STDERR_KEEP = 4096;

export interface ToolRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  /** Absolute time (Date.now() ms) by which the process group is killed. */
  deadline: number;
  /** Called with each stdout chunk instead of collecting it; throwing stops the run with that error. */
  onStdout?: (chunk: Buffer) => void;
  /** Collected stdout beyond this is refused (ffprobe's JSON). */
  maxStdout?: number;
}

/**
 * Runs ffmpeg or ffprobe in its own process group, stdin closed, and kills the whole group at the
 * deadline or when the caller's stdout handler throws. A missing binary is a DecodeError that says
 * so (the hasher's start-up check warns before that).
 */
export function runTool(bin: string, args: string[], opts: RunOptions): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    let collected = 0;
    let stderr = '';
    let failure: Error | undefined;
    const kill = (err: Error) => {
      failure ??= err;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(
      () => kill(new DecodeError(`video processing took longer than its time limit (${toolName(bin)} stopped)`)),
      Math.max(0, opts.deadline - Date.now()),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      if (opts.onStdout) {
        try {
          opts.onStdout(chunk);
        } catch (err) {
          kill(err as Error);
        }
        return;
      }
      collected += chunk.length;
      if (collected > (opts.maxStdout ?? 1_048_576)) kill(new DecodeError(`${toolName(bin)} printed more than expected`));
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8').slice(0, STDERR_KEEP - stderr.length);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(new DecodeError(`video decoder not available: ${bin} was not found`));
      else reject(new DecodeError(`${toolName(bin)} could not be started: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code, stdout: Buffer.concat(chunks), stderr: stderr.trim() });
    });
  });
}

function toolName(bin: string): string {
  return bin.split('/').pop() ?? bin;
}

/** The last meaningful line of ffmpeg's stderr, without the `[demuxer @ 0x…]` prefix, for a reason. */
export function lastError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter(Boolean);
  return (lines.at(-1) ?? 'no message').slice(0, 300);
}
