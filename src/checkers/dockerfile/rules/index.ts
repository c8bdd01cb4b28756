import type { Rule } from '../../../engine/rule';
import type { DockerfileModel } from '../model';
import { invalidSyntax } from './invalid-syntax';

/** Every dockerfile rule. One import and one entry per rule file. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [invalidSyntax];
