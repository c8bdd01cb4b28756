import type { Checker } from '../engine/rule';
import { coherenceChecker } from './coherence';
import { dockerfileChecker } from './dockerfile';
import { iamChecker } from './iam';
import { kubernetesChecker } from './kubernetes';
import { terraformChecker } from './terraform';
import { topologyChecker } from './topology';

/** Every checker, in the order they run. */
export const CHECKERS: readonly Checker[] = [
  dockerfileChecker,
  kubernetesChecker,
  iamChecker,
  topologyChecker,
  terraformChecker,
  coherenceChecker,
];
