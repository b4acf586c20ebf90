import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { ChatServices } from "../chat/chat-feature.js";
import { policiesRoutes } from "./policies.routes.js";
import { createPoliciesService } from "./policies.service.js";
import { createPolicyReview } from "./policy-review.js";

/** The policy and resource library (issue 18 §5): cards, matching, sharing, and the review job. */
export function createPoliciesFeature(deps: Deps, chat: ChatServices) {
  const service = createPoliciesService(deps, chat);
  return {
    service,
    review: createPolicyReview(deps),
    routes: (router: Router, authenticate: Authenticate) => policiesRoutes(router, authenticate, service),
  };
}
export type PoliciesFeature = ReturnType<typeof createPoliciesFeature>;
