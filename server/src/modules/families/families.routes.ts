import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { ContactsService } from "./contacts.service.js";
import type { FamiliesService } from "./families.service.js";
import type { MembershipService } from "./membership.service.js";

/** /api/family, /api/families */
export function familiesRoutes(
  router: Router,
  authenticate: Authenticate,
  families: FamiliesService,
  contacts: ContactsService,
  membership: MembershipService,
): void {
  mount(router, ROUTES.getMyFamily, authenticate, ({ user }) => families.mine(user));
  mount(router, ROUTES.listFamilies, authenticate, async ({ user }) => ({
    families: await families.list(user),
  }));
  mount(router, ROUTES.assignSocialWorker, authenticate, ({ user, params, body }) =>
    families.assignSocialWorker(user, params.id, body.socialWorkerId),
  );
  mount(router, ROUTES.familyContacts, authenticate, ({ user, params }) => contacts.get(user, params.id));
  mount(router, ROUTES.newInviteCode, authenticate, ({ user }) => membership.renewInvite(user));
  mount(router, ROUTES.myJoinRequest, authenticate, ({ user }) => membership.mine(user));
  mount(router, ROUTES.cancelJoinRequest, authenticate, async ({ user }) => {
    await membership.cancel(user);
    return OK;
  });
  mount(router, ROUTES.decideJoinRequest, authenticate, ({ user, params, body }) =>
    membership.decide(user, params.id, body),
  );
  mount(router, ROUTES.removeCaregiver, authenticate, ({ user, params }) =>
    membership.removeCaregiver(user, params.id, params.userId),
  );
}
