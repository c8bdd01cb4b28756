import type { Checker } from '../engine/rule';
import { dockerfileChecker } from './dockerfile';
import { kubernetesChecker } from './kubernetes';
import { terraformChecker } from './terraform';

/** Every checker, in the order they run. */
export const CHECKERS: readonly Checker[] = [dockerfileChecker, kubernetesChecker, terraformChecker];
