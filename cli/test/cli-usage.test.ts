import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runCli } from '../src/run-cli';
import { testConfig } from '../../test/support/pipeline';
import { texturedPng } from '../../test/support/images';

/** The real CLI with no database configured: none of these invocations may need one. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, testConfig(), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hotline CLI: usage', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-cli-usage-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };

  it('item 17: hash-file prints the PDQ quality and says why a flat image will not be matched', async () => {
    const flat = write(
      'flat.png',
      await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 90, g: 140, b: 200 } } })
        .png()
        .toBuffer(),
    );
    const weak = await cli('hash-file', flat);
    expect(weak.code).toBe(0);
    const printed = JSON.parse(weak.out) as { pdq: string; pdqQuality: number; pdqWeak: boolean };
    expect(printed).toMatchObject({ pdqWeak: true });
    expect(printed.pdqQuality).toBeLessThan(50);
    expect(weak.err).toMatch(/weak.*MATCH_PDQ_WEAK/);

    const textured = await cli('hash-file', write('textured.png', await texturedPng(320, 240, 7)));
    const strong = JSON.parse(textured.out) as { pdqQuality: number; pdqWeak: boolean };
    expect(strong.pdqQuality).toBeGreaterThanOrEqual(50);
    expect(strong.pdqWeak).toBe(false);
    expect(textured.err).toBe('');
  });

  it('item 17: a command refuses positionals it does not take, with its own usage (exit 2)', async () => {
    const file = write('a.png', await texturedPng(64, 64, 3));
    const extra = await cli('hash-file', file, 'b.png');
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/hash-file takes 1 argument.*got 2/);
    expect(extra.err).toMatch(/usage: npm run hotline -- hash-file FILE/);
    expect(extra.out).toBe('');
    // Checked before any database is opened (none is configured here).
    expect(await cli('lists', 'extra')).toMatchObject({ code: 2, err: expect.stringMatching(/lists takes no arguments/) });
    expect(await cli('disable-hash', '--list', 'x', 'ab', 'cd')).toMatchObject({ code: 2 });
    expect(await cli('hash-file')).toMatchObject({ code: 2, err: expect.stringMatching(/usage: npm run hotline -- hash-file FILE/) });
  });

  it('item 17: help, help <command> and <command> --help print usage (exit 0); an unknown command lists the commands (exit 2)', async () => {
    const all = await cli('help');
    expect(all.code).toBe(0);
    for (const name of ['import-hashes', 'disable-hash', 'enable-list', 'lists', 'hash-file', 'queue']) expect(all.out).toContain(name);

    for (const argv of [
      ['help', 'hash-file'],
      ['hash-file', '--help'],
      ['hash-file', '-h'],
    ]) {
      const one = await cli(...argv);
      expect(one).toMatchObject({ code: 0, err: '' });
      expect(one.out).toMatch(/^usage: npm run hotline -- hash-file FILE/);
      expect(one.out).not.toContain('import-hashes');
    }
    expect((await cli('import-hashes', '--help')).out).toMatch(/^usage: npm run hotline -- import-hashes --list NAME/);
    expect(await cli('help', 'nope')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command nope[\s\S]*hash-file/) });

    const unknown = await cli('hash-files', 'x.png');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command hash-files/);
    expect(unknown.err).toContain('queue');
    expect((await cli()).code).toBe(2);
  });
});
