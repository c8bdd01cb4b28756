import { describe, expect, it } from 'vitest';
import { rpmFamilyHygiene } from '../../../../src/checkers/dockerfile/rules/rpm-family-hygiene';
import { applyFindingSuggestion, findingsFor } from '../helpers';

const ID = 'dockerfile/rpm-family-hygiene';

describe('dockerfile/rpm-family-hygiene', () => {
  it('fires on the example for both the prompt and the cache', async () => {
    const [finding] = await findingsFor(rpmFamilyHygiene.example!.bad, ID);
    expect(finding.message).toContain('has no `-y`');
    expect(finding.message).toContain('dnf clean all');
    expect(finding.suggestion).toBeUndefined();
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsFor(rpmFamilyHygiene.example!.good, ID)).toEqual([]);
  });

  it('suggests -y when the prompt is the only problem', async () => {
    const text = 'FROM centos:7\nRUN yum install httpd \\\n    && yum clean all\n';
    const [finding] = await findingsFor(text, ID);
    expect(applyFindingSuggestion(text, finding)).toBe(
      'FROM centos:7\nRUN yum install -y httpd \\\n    && yum clean all\n',
    );
  });

  it('checks zypper for --non-interactive and its own clean', async () => {
    const text = [
      'FROM opensuse/leap:15.6',
      'RUN zypper install curl && zypper clean --all',
      'RUN zypper --non-interactive install git',
      'RUN zypper -n in jq && zypper cc',
      'RUN zypper install -y make && rm -rf /var/cache/zypp',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([2, 3]);
    expect(found[0].message).toContain('has no `-y`');
    expect(found[1].message).toContain('zypper clean --all');
  });

  it('fires on microdnf without -y from release 9 on, where it asks for confirmation', async () => {
    const text =
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install curl && microdnf clean all\n';
    const [finding] = await findingsFor(text, ID);
    expect(finding.message).toContain('`microdnf install curl` has no `-y`');
    expect(applyFindingSuggestion(text, finding)).toContain('RUN microdnf install -y curl');
    const oracle = 'FROM oraclelinux:9-slim\nRUN microdnf install git && microdnf clean all\n';
    expect(await findingsFor(oracle, ID)).toHaveLength(1);
  });

  it('accepts microdnf with -y/--assumeyes, or on a release 8 base where it assumes yes', async () => {
    const text = [
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4',
      'RUN microdnf install -y curl && microdnf clean all',
      'RUN microdnf --assumeyes install tar && microdnf clean all',
      'FROM registry.access.redhat.com/ubi8/ubi-minimal:8.10',
      'RUN microdnf install curl && microdnf clean all',
      'FROM oraclelinux:8-slim',
      'RUN microdnf install curl && microdnf clean all',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('accepts cache mounts, rm of the cache, and yum/dnf cleaning each other', async () => {
    const text = [
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4',
      'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git',
      'RUN dnf --assumeyes install make && rm -rf /var/cache/dnf',
      'RUN yum -y install jq && dnf clean all',
      'RUN yes | yum install tar && yum clean all',
      'RUN dnf install -y --setopt=install_weak_deps=False gcc && dnf clean all',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });

  it('checks -y in builder stages but the clean only in stages the image ships', async () => {
    const text = [
      'FROM rockylinux:9 AS build',
      'RUN dnf install -y gcc',
      'RUN dnf install make',
      'FROM rockylinux:9-minimal',
      'COPY --from=build /out /out',
    ].join('\n');
    const found = await findingsFor(text, ID);
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).not.toContain('clean');
  });
});
