import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { FailureStore } from "../../lib/failure-store.js";
import type { ChatServices } from "../chat/chat-feature.js";
import { createErasureService } from "./erasure.service.js";
import { createExportService } from "./export.service.js";
import { privacyRoutes } from "./privacy.routes.js";

/** Data protection: the personal data export and account erasure, wired in one place. */
export function createPrivacyFeature(deps: Deps, chat: ChatServices, opts: { failures?: FailureStore } = {}) {
  const exports = createExportService(deps);
  const erasure = createErasureService(deps, chat, opts.failures);
  return {
    exports,
    erasure,
    routes(router: Router, authenticate: Authenticate): void {
      privacyRoutes(router, authenticate, { exports, erasure });
    },
  };
}
export type PrivacyFeature = ReturnType<typeof createPrivacyFeature>;
