import type { Checker } from '../engine/rule';
import { dockerfileChecker } from './dockerfile';

/** Every checker, in the order they run. */
export const CHECKERS: readonly Checker[] = [dockerfileChecker];
