import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { GroupsService } from "./groups.service.js";

/** /api/groups */
export function groupsRoutes(router: Router, authenticate: Authenticate, svc: GroupsService): void {
  mount(router, ROUTES.listGroups, authenticate, async ({ user, query }) => ({
    groups: await svc.list(user, query),
  }));
  mount(router, ROUTES.createGroup, authenticate, ({ user, body }) => svc.create(user, body));
  mount(router, ROUTES.getGroup, authenticate, ({ user, params }) => svc.get(user, params.id));
  mount(router, ROUTES.updateGroup, authenticate, ({ user, params, body }) =>
    svc.update(user, params.id, body),
  );
  mount(router, ROUTES.joinGroup, authenticate, ({ user, params }) => svc.join(user, params.id));
  mount(router, ROUTES.leaveGroup, authenticate, ({ user, params }) => svc.leave(user, params.id));
  mount(router, ROUTES.listMembers, authenticate, async ({ user, params }) => ({
    members: await svc.members(user, params.id),
  }));
  mount(router, ROUTES.addModerator, authenticate, ({ user, params, body }) =>
    svc.addModerator(user, params.id, body.userId),
  );
  mount(router, ROUTES.readCounts, authenticate, ({ user, params, query }) =>
    svc.readCounts(user, params.id, query.seqs),
  );
  mount(router, ROUTES.markGroupRead, authenticate, ({ user, params, body }) =>
    svc.markRead(user, params.id, body.seq),
  );
}
