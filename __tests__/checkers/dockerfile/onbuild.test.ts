// ONBUILD triggers: read as instructions of their own and checked by the rules about what an instruction
// does, wherever it runs; never by the rules about the stage it sits in.
import { describe, expect, it } from 'vitest';
import { applyFindingSuggestion, lintDockerfile, modelOf } from './helpers';
import { instructionsOf, runInstructions } from '../../../src/checkers/dockerfile/model';

const BASE = [
  'FROM node:20-bookworm-slim', //                                        1
  'WORKDIR /usr/src/app', //                                              2
  'ONBUILD COPY package*.json ./', //                                     3
  'ONBUILD RUN npm ci --omit=dev', //                                     4
  'ONBUILD COPY id_rsa /root/.ssh/id_rsa', //                             5
  'ONBUILD ADD https://example.com/config.tgz /etc/app/', //              6
  'ONBUILD RUN curl -fsSL https://example.com/i.sh | sh', //              7
  'ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends gcc', // 8
  'ONBUILD COPY . .', //                                                  9
  'USER 1000', //                                                         10
].join('\n');

describe('ONBUILD triggers in the model', () => {
  it('reads each trigger as an instruction of the ONBUILD stage, outside the stage list', () => {
    const model = modelOf(BASE);
    const onbuild = model.instructionAt(4)!;
    const trigger = onbuild.trigger!;
    expect(trigger).toMatchObject({ keyword: 'RUN', line: 4, column: 9, onbuild, form: 'shell' });
    expect(trigger.stage).toBe(model.stages[0]);
    expect(trigger.run!.commands.map((c) => c.name)).toEqual(['npm']);
    expect(model.stages[0].instructions).not.toContain(trigger);
    expect(model.instructions).not.toContain(trigger);
    expect(instructionsOf(model, { triggers: true })).toContain(trigger);
    expect(runInstructions(model).length).toBe(0);
    expect(runInstructions(model, undefined, { triggers: true }).map((i) => i.line)).toEqual([4, 7, 8]);
    // The trigger runs as whatever user the image built FROM this one has.
    expect(trigger.user.resolved).toBe(false);
  });

  it('reports triggers Docker refuses, and unknown instructions that break every child build', async () => {
    const text =
      'FROM alpine:3.20\nONBUILD ONBUILD RUN true\nONBUILD FROM alpine\nONBUILD MAINTAINER me\nONBUILD FOO bar\n';
    const findings = (await lintDockerfile(text)).filter((f) => f.ruleId === 'dockerfile/invalid-syntax');
    expect(findings.map((f) => f.line)).toEqual([2, 3, 4, 5]);
    expect(findings[0].message).toContain('cannot be chained');
    expect(findings[1].message).toContain('FROM cannot be a trigger');
    expect(findings[3].message).toContain('every build FROM this image fails');
  });
});

describe('rules over ONBUILD triggers', () => {
  it('checks what a trigger does: secrets, downloads, package hygiene', async () => {
    const findings = await lintDockerfile(BASE);
    const at = (line: number) => findings.filter((f) => f.line === line).map((f) => f.ruleId);
    expect(at(5)).toEqual(['dockerfile/copy-secret-file']);
    expect(findings.find((f) => f.line === 5)!.message).toContain('each image built FROM this one');
    expect(at(6)).toEqual(['dockerfile/add-remote-no-checksum']);
    expect(at(7).sort()).toEqual(['dockerfile/pipe-without-pipefail', 'dockerfile/remote-script-exec']);
    // Not the stage rules: the gcc is in the child image, whose stages are unknown here, and COPY . .
    // copies the child's build context, whose .dockerignore is not this one's.
    expect(at(8)).toEqual(['dockerfile/apt-lists-not-cleaned']);
    expect(at(9)).toEqual([]);
  });

  it('places suggestions inside the trigger', async () => {
    const text = 'FROM debian:12-slim\nONBUILD RUN apt-get install --no-install-recommends curl\nUSER 1000\n';
    const finding = (await lintDockerfile(text)).find((f) => f.ruleId === 'dockerfile/apt-get-missing-yes');
    expect(applyFindingSuggestion(text, finding)).toBe(
      'FROM debian:12-slim\nONBUILD RUN apt-get install -y --no-install-recommends curl\nUSER 1000\n',
    );
  });
});
