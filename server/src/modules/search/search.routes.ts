import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { SearchService } from "./search.service.js";

/** /api/search/messages */
export function searchRoutes(router: Router, authenticate: Authenticate, svc: SearchService): void {
  mount(router, ROUTES.searchMessages, authenticate, ({ user, query }) => svc.messages(user, query));
}
