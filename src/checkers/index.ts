import type { Checker } from '../engine/rule';

/** Every checker, in the order they run. */
export const CHECKERS: readonly Checker[] = [];
