import type { Checker } from '../engine/rule';
import { dockerfileChecker } from './dockerfile';
import { iamChecker } from './iam';
import { terraformChecker } from './terraform';

/** Every checker, in the order they run. iam comes after terraform: a .tf file both read that is not text is terraform's invalid input. */
export const CHECKERS: readonly Checker[] = [dockerfileChecker, terraformChecker, iamChecker];
