import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** The image installs from every workspace's manifest; a hand-kept list of them fell behind once. */
describe('infra/docker/Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'infra', 'docker', 'Dockerfile'), 'utf8');
  const workspaces = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;

  it('gathers the package.json of every workspace for npm ci', () => {
    const find = /find ([a-z\- ]+?) -name package\.json/.exec(dockerfile);
    expect(find).not.toBeNull();
    const roots = find![1]!.split(' ');
    for (const w of workspaces) expect(roots).toContain(w.split('/')[0]);
    expect(dockerfile).not.toMatch(/^COPY \S+\/package\.json /m);
  });

  it('installs ffmpeg for videos and keeps host node_modules out of the build context', () => {
    expect(dockerfile).toMatch(/apt-get install[^\n]*ffmpeg/);
    expect(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('**/node_modules');
  });
});
