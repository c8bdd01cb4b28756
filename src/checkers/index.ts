import type { Checker } from '../engine/rule';
import { dockerfileChecker } from './dockerfile';
import { terraformChecker } from './terraform';
import { topologyChecker } from './topology';

/** Every checker, in the order they run. */
export const CHECKERS: readonly Checker[] = [dockerfileChecker, terraformChecker, topologyChecker];
