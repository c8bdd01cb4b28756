import { describe, expect, it } from 'vitest';
import { missingWorkdir } from '../../../../src/checkers/dockerfile/rules/missing-workdir';
import { cmdShellForm } from '../../../../src/checkers/dockerfile/rules/cmd-shell-form';
import { entrypointWrapperPid1 } from '../../../../src/checkers/dockerfile/rules/entrypoint-wrapper-pid1';
import { duplicateCmdEntrypointHealthcheck } from '../../../../src/checkers/dockerfile/rules/duplicate-cmd-entrypoint-healthcheck';
import { healthcheckMissing } from '../../../../src/checkers/dockerfile/rules/healthcheck-missing';
import { findingsFor, lintDockerfile, applyFindingSuggestion } from '../helpers';

describe('dockerfile/missing-workdir', () => {
  const ID = 'dockerfile/missing-workdir';

  it('fires at the application COPY when the process needs a working directory', async () => {
    const found = await findingsFor(missingWorkdir.example!.bad, ID);
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain('copies the application to `/app`');
    expect(found[0].message).toContain('`uvicorn main:app` starts in `/`');
    expect(found[0].message).toContain('the `cd /app` at line 3 only lasts for that RUN');
  });

  it('says where a relative copy lands without a WORKDIR: among the system directories', async () => {
    const found = await findingsFor(
      'FROM node:20-slim\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
      ID,
    );
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain("lands in the base image's working directory");
    expect(found[0].message).not.toContain('looked up in');
  });

  it('is quiet with WORKDIR (also inherited), and for a static binary run by absolute path', async () => {
    expect(await findingsFor(missingWorkdir.example!.good, ID)).toEqual([]);
    expect(
      await findingsFor(
        'FROM node:22 AS base\nWORKDIR /app\nFROM base\nCOPY . .\nCMD ["npm", "start"]\n',
        ID,
      ),
    ).toEqual([]);
    const binary =
      'FROM golang:1.22 AS build\nRUN go build -o /out/api .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n';
    expect(await findingsFor(binary, ID)).toEqual([]);
  });
});

describe('dockerfile/cmd-shell-form', () => {
  const ID = 'dockerfile/cmd-shell-form';

  it('fires on a shell-form CMD and suggests the exec form', async () => {
    const found = await findingsFor(cmdShellForm.example!.bad, ID);
    expect(found).toMatchObject([{ line: 4 }]);
    expect(found[0].message).toContain('`/bin/sh -c "node server.js"`');
    expect(applyFindingSuggestion(cmdShellForm.example!.bad, found[0])).toBe(cmdShellForm.example!.good);
  });

  it('fires on a shell-form ENTRYPOINT, without a suggestion when the command is not plain', async () => {
    const found = await findingsFor('FROM alpine:3.20\nENTRYPOINT app --port $PORT > /dev/null\n', ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('CMD and `docker run` arguments are ignored');
    expect(found[0].suggestion).toBeUndefined();
  });

  it('is quiet on a lone simple command on Alpine/BusyBox and bash bases, which exec it as PID 1', async () => {
    expect(await findingsFor('FROM alpine:3.20\nCMD crond -f -l 2\n', ID)).toEqual([]);
    expect(await findingsFor('FROM node:22-alpine\nCMD node server.js --port $PORT\n', ID)).toEqual([]);
    expect(await findingsFor('FROM rockylinux:9\nCMD /opt/app/bin/server\n', ID)).toEqual([]);
    const bash = 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nCMD /opt/app/bin/server\n';
    expect(await findingsFor(bash, ID)).toEqual([]);
  });

  it('still fires on Alpine when the shell stays: lists, pipes, redirections, and a shell-form ENTRYPOINT', async () => {
    for (const cmd of [
      'CMD migrate && server',
      'CMD server | tee /var/log/server.log',
      'CMD server > /var/log/server.log',
      'ENTRYPOINT server',
    ]) {
      expect(await findingsFor(`FROM alpine:3.20\n${cmd}\n`, ID), cmd).toHaveLength(1);
    }
    // dash execs a lone command only from 0.5.11, and the release of a Debian base is often unknown.
    expect(await findingsFor('FROM debian:12-slim\nCMD /opt/app/bin/server\n', ID)).toHaveLength(1);
  });

  it('is quiet on exec forms, `exec` in shell form, overridden CMDs and builder stages', async () => {
    expect(await findingsFor(cmdShellForm.example!.good, ID)).toEqual([]);
    const text = [
      'FROM node:22 AS build',
      'CMD npm run build',
      'FROM node:22-slim',
      'CMD node old.js',
      'CMD exec node server.js --port "$PORT"',
    ].join('\n');
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});

describe('dockerfile/entrypoint-wrapper-pid1', () => {
  const ID = 'dockerfile/entrypoint-wrapper-pid1';

  it('fires on npm start as PID 1', async () => {
    const found = await findingsFor(entrypointWrapperPid1.example!.bad, ID);
    expect(found).toMatchObject([{ line: 5 }]);
    expect(found[0].message).toContain("`npm start` is the container's PID 1");
  });

  it('fires on ENTRYPOINT ["poetry", "run"] at the ENTRYPOINT, naming the app, and on shell form', async () => {
    const found = await findingsFor(
      'FROM python:3.12-slim\nENTRYPOINT ["poetry", "run"]\nCMD ["uvicorn", "app:app"]\n',
      ID,
    );
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain('starts `uvicorn` under it');
    expect(await findingsFor('FROM python:3.12-slim\nCMD pipenv run python app.py\n', ID)).toHaveLength(1);
  });

  it('is quiet when the app runs directly, or the wrapper only runs in a builder stage', async () => {
    expect(await findingsFor(entrypointWrapperPid1.example!.good, ID)).toEqual([]);
    const text =
      'FROM node:22 AS build\nCMD ["npm", "run", "build"]\nFROM node:22-slim\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});

describe('dockerfile/duplicate-cmd-entrypoint-healthcheck', () => {
  const ID = 'dockerfile/duplicate-cmd-entrypoint-healthcheck';

  it('fires on the overridden instruction and names the one that wins', async () => {
    const found = await findingsFor(duplicateCmdEntrypointHealthcheck.example!.bad, ID);
    expect(found).toMatchObject([{ line: 2 }]);
    expect(found[0].message).toContain('the CMD at line 3 of the same stage replaces it');
  });

  it('counts each keyword per stage', async () => {
    const text =
      'FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n';
    expect((await findingsFor(text, ID)).map((f) => f.line)).toEqual([2, 4, 5]);
  });

  it('is quiet with one of each per stage', async () => {
    expect(await findingsFor(duplicateCmdEntrypointHealthcheck.example!.good, ID)).toEqual([]);
    const text = 'FROM a:1 AS one\nCMD ["a"]\nENTRYPOINT ["x"]\nFROM a:1\nCMD ["b"]\nHEALTHCHECK CMD true\n';
    expect(await findingsFor(text, ID)).toEqual([]);
  });
});

describe('dockerfile/healthcheck-missing', () => {
  const ID = 'dockerfile/healthcheck-missing';

  it('is off by default', async () => {
    expect((await lintDockerfile(healthcheckMissing.example!.bad)).filter((f) => f.ruleId === ID)).toEqual(
      [],
    );
  });

  it('fires on the final stage when enabled', async () => {
    const found = await findingsFor(healthcheckMissing.example!.bad, ID);
    expect(found).toMatchObject([{ line: 1 }]);
    expect(found[0].message).toContain('FROM `nginx:1.27`');
  });

  it('is quiet with HEALTHCHECK, HEALTHCHECK NONE, or one inherited from an earlier stage', async () => {
    expect(await findingsFor(healthcheckMissing.example!.good, ID)).toEqual([]);
    expect(await findingsFor('FROM a:1\nHEALTHCHECK NONE\n', ID)).toEqual([]);
    expect(await findingsFor('FROM a:1 AS base\nHEALTHCHECK CMD true\nFROM base\n', ID)).toEqual([]);
  });
});
