import type { Checker } from '../engine/rule';
import { coherenceChecker } from './coherence';
import { dockerfileChecker } from './dockerfile';
import { iamChecker } from './iam';
import { kubernetesChecker } from './kubernetes';
import { terraformChecker } from './terraform';
import { topologyChecker } from './topology';

/**
 * Every checker, in the order they run. terraform comes before iam and topology, which also read
 * `.tf` files: a `.tf` that is not text is terraform's invalid input. coherence comes last: it
 * relates what the others read.
 */
export const CHECKERS: readonly Checker[] = [
  dockerfileChecker,
  kubernetesChecker,
  terraformChecker,
  iamChecker,
  topologyChecker,
  coherenceChecker,
];
