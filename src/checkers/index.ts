import type { Checker } from '../engine/rule';
import { builtRootImages, coherenceChecker } from './coherence';
import { containerViews } from './coherence/views';
import { dockerfileChecker } from './dockerfile';
import { iamChecker } from './iam';
import { createKubernetesChecker } from './kubernetes';
import { terraformChecker } from './terraform';
import { declaredZones, topologyChecker } from './topology';

/**
 * The kubernetes checker escalates on what the topology model and the coherence links know of the
 * repository. It is wired here, above the checkers, so it imports neither: coherence reads the
 * container views the kubernetes checker computes while its model is alive, and the arrow between
 * them stays one way.
 */
export const kubernetesChecker = createKubernetesChecker(
  {
    zoneCount: (ctx) => declaredZones(ctx.allFiles, ctx),
    rootImages: (ctx) => builtRootImages(ctx),
  },
  [containerViews],
);

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
