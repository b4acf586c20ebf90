import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { ChildrenService } from "./children.service.js";

/** /api/children */
export function childrenRoutes(router: Router, authenticate: Authenticate, children: ChildrenService): void {
  mount(router, ROUTES.listChildren, authenticate, async ({ user }) => ({
    children: await children.list(user),
  }));
  mount(router, ROUTES.createChild, authenticate, ({ user, body }) => children.create(user, body));
  mount(router, ROUTES.getChild, authenticate, ({ user, params }) => children.get(user, params.id));
  mount(router, ROUTES.updateChild, authenticate, ({ user, params, body }) =>
    children.update(user, params.id, body),
  );
  mount(router, ROUTES.deleteChild, authenticate, async ({ user, params }) => {
    await children.remove(user, params.id);
    return OK;
  });
}
