import { describe, expect, it } from 'vitest';
import { sudo } from '../../../../src/checkers/dockerfile/rules/sudo';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/sudo';

describe('dockerfile/sudo', () => {
  it('fires on the example, naming the user the RUN runs as', async () => {
    const found = await findingsFor(sudo.example!.bad, ID);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(4);
    expect(found[0].message).toContain('runs as `app`');
    expect(found[0].message).toContain('USER root');
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(sudo.example!.good, ID)).toEqual([]);
  });

  it('finds sudo behind env, inside sh -c and in any stage, once per command', async () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get update',
      'FROM debian:12-slim',
      `RUN sh -c 'sudo chown -R app /srv' && \\`,
      '    sudo -u app touch /srv/ready',
    ].join('\n');
    const found = await findingsFor(text, ID);
    // Line 5 is `sudo -u app` run as root: it drops privileges.
    expect(found.map((f) => f.line)).toEqual([2, 4]);
    expect(found[0].message).toContain('already runs as root');
  });

  it('is quiet when sudo is only installed, configured or mentioned', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*',
      `RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app && echo "run sudo later"`,
      'RUN visudo -c # sudo is checked here',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet on sudo -u run as root, which drops privileges for one command', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN useradd -m app',
      'RUN sudo -u app touch /home/app/.ready && sudo --user=app true && sudo -Hu app true',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is a notice as root and a warning as another user', async () => {
    const text = [
      'FROM debian:12-slim',
      'RUN sudo apt-get update', // 2: root, harmless noise
      'RUN useradd -m app',
      'USER app',
      'RUN sudo mkdir /srv/data', // 5: needs a password-less sudoers entry
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [2, 'notice'],
      [5, 'warning'],
    ]);
  });
});
