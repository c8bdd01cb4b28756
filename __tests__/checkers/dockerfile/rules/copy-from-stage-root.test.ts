import { describe, expect, it } from 'vitest';
import { copyFromStageRoot } from '../../../../src/checkers/dockerfile/rules/copy-from-stage-root';
import { findingsFor } from '../helpers';

const ID = 'dockerfile/copy-from-stage-root';

describe('dockerfile/copy-from-stage-root', () => {
  it('fires on the example, naming the builder stage and its base', async () => {
    const [finding, ...rest] = await findingsFor(copyFromStageRoot.example!.bad, ID);
    expect(rest).toEqual([]);
    expect(finding.line).toBe(6);
    expect(finding.message).toContain(
      'copies the whole filesystem of stage `build` (line 1, built on `node:22` with 1 RUN step) into / of an image built on `node:22-slim`',
    );
    expect(finding.message).toContain(
      'or make this stage `FROM scratch` if the point is to squash the builder',
    );
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(copyFromStageRoot.example!.good, ID)).toEqual([]);
  });

  it('fires for `.` and `/*` sources, a stage index, a builder built on another stage, and any destination', async () => {
    const text = [
      'FROM debian:12 AS deps',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential',
      'FROM deps AS build',
      'COPY . /src',
      'FROM debian:12-slim',
      'COPY --from=build . /',
      'COPY --from=0 /* /opt/rootfs/',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([6, 7]);
    expect(found[0].message).toContain('stage `build` (line 3, built on `debian:12` with 1 RUN step)');
  });

  it('fires when a cleaned-up builder is copied whole over a real base instead of squashed onto scratch', async () => {
    const text = [
      'FROM python:3.12 AS builder',
      'RUN pip install --no-cache-dir -r /tmp/req.txt && apt-get purge -y gcc && rm -rf /root/.cache',
      'FROM python:3.12-slim AS runtime',
      'COPY --from=builder / /',
      'CMD ["python", "-m", "app"]',
    ].join('\n');
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([4]);
  });

  it('is quiet for artifact stages, helper images, subpaths, squashing, images and unshipped stages', async () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx',
      'FROM golang:1.22 AS build',
      'COPY --from=xx / /',
      'RUN go build -o /out/app ./cmd/app',
      'FROM scratch AS artifacts',
      'COPY --from=build /out/app /bin/app',
      'FROM ubuntu:24.04 AS rootfs-builder',
      'RUN mkdir /rootfs && apt-get update && apt-get install -y debootstrap',
      'FROM ubuntu:24.04 AS squashed',
      'RUN apt-get update && apt-get install -y curl',
      'FROM scratch AS flat',
      'COPY --from=squashed / /',
      'FROM gcr.io/distroless/static-debian12',
      'COPY --from=artifacts / /',
      'COPY --from=rootfs-builder /rootfs /',
      'COPY --from=ghcr.io/example/rootfs:1.0 / /',
      'COPY --from=build /out/ /usr/local/bin/',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('is quiet when the final image is itself FROM scratch (a squash of the builder)', async () => {
    const text = [
      'FROM ubuntu:24.04 AS base',
      'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*',
      'FROM scratch',
      'COPY --from=base / /',
      'CMD ["/bin/bash"]',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});
