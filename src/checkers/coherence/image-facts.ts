// What the image a Dockerfile builds looks like from outside: the user it runs as, the ports it
// declares and the text of the process it starts. A compact summary of the dockerfile model, so
// the cross-file rules need no model of their own.
import type { RunContext } from '../../engine/rule';
import type { SourceFile } from '../../engine/workspace';
import { dockerfileSettings } from '../dockerfile';
import { containerProcess, dockerfileModel, finalImageStages, type Instruction } from '../dockerfile/model';
import { hasNonRootDefaultUser, isWindowsBase } from '../dockerfile/image';
import { imagePurpose, privilegeDrop } from '../dockerfile/purpose';

export interface ImageUser {
  /** As the final USER sets it (`app`, `10001:10001`). */
  value: string;
  numeric: boolean;
  isRoot: boolean;
  line: number;
}

export interface ImageFacts {
  dockerfile: string;
  /** The final stage's USER; undefined when none is set in the file (the base image decides). */
  user?: ImageUser;
  /** The USER depends on a build argument or variable whose value the file does not fix. */
  userUnknown: boolean;
  /** Ports the final image EXPOSEs; undefined when an EXPOSE uses a value the file does not fix. */
  exposedPorts?: number[];
  /** ENTRYPOINT, CMD and the final stage's ENV values: where a server is told its port. */
  processText: string;
  /**
   * The image is a service that runs as root: its final stage ends with USER root (or 0), or sets
   * no USER over a base whose default user is root, and its entrypoint drops no privileges. Where
   * that is written (the USER line, or the final FROM) and how, for messages.
   */
  runsAsRoot?: { line: number; how: string };
}

export function imageFacts(file: SourceFile, ctx: RunContext): ImageFacts | undefined {
  return file.parsed('coherence:image-facts', () => summarize(file, ctx));
}

function summarize(file: SourceFile, ctx: RunContext): ImageFacts | undefined {
  const model = dockerfileModel(file, dockerfileSettings(ctx), ctx);
  const final = model.finalStage;
  if (!final || model.binary) return undefined;
  const end = final.end.user;
  const facts: ImageFacts = {
    dockerfile: file.path,
    userUnknown: end.value !== undefined && !end.resolved,
    processText: '',
  };
  if (end.value !== undefined && end.resolved && end.setAt) {
    facts.user = { value: end.value, numeric: end.numeric, isRoot: end.isRoot, line: end.setAt.line };
  }
  const ports: number[] = [];
  let portsKnown = true;
  const envValues: string[] = [];
  for (const stage of finalImageStages(model)) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'EXPOSE') portsKnown = exposedPorts(instruction, ports) && portsKnown;
      if (instruction.keyword === 'ENV') envValues.push(instruction.args);
    }
  }
  if (portsKnown) facts.exposedPorts = ports;
  const process = containerProcess(final);
  facts.processText = [...process.argv, ...envValues].join(' ');
  const root = rootUser(model);
  if (root) facts.runsAsRoot = root;
  return facts;
}

/** The dockerfile checker's reading of a final image that runs as root (final-user-root/-missing). */
function rootUser(model: ReturnType<typeof dockerfileModel>): ImageFacts['runsAsRoot'] {
  const stage = model.finalStage;
  if (!stage || imagePurpose(model).kind !== 'service' || privilegeDrop(model)) return undefined;
  const user = stage.end.user;
  if (user.setAt) {
    if (!user.resolved || !user.isRoot) return undefined;
    return { line: user.setAt.line, how: `ends with \`USER ${user.value}\`` };
  }
  if (user.value !== undefined) return undefined;
  if (hasNonRootDefaultUser(stage.rootImage) || isWindowsBase(stage.rootImage)) return undefined;
  const base = stage.rootImage ? `\`${stage.rootImage.raw}\`` : 'its base image';
  return {
    line: stage.from.line,
    how: `sets no USER, so it runs as the default user of ${base} (root for nearly every base image)`,
  };
}

/** Adds the instruction's ports; false when one of them is not a literal number. */
function exposedPorts(instruction: Instruction, into: number[]): boolean {
  let known = true;
  for (const word of instruction.args.split(/\s+/).filter(Boolean)) {
    const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
    if (!match) {
      known = false;
      continue;
    }
    const first = Number(match[1]);
    const last = match[2] ? Number(match[2]) : first;
    for (let port = first; port <= last && port - first < 1000; port++) into.push(port);
  }
  return known;
}
