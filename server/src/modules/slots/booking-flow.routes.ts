import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { BookingFlow } from "./booking-flow.js";

/** /api/children/:id/availability, /api/bookings/:id/alternatives */
export function bookingFlowRoutes(router: Router, authenticate: Authenticate, flow: BookingFlow): void {
  mount(router, ROUTES.childAvailability, authenticate, ({ user, params, query }) =>
    flow.availability(user, params.id, query),
  );
  mount(router, ROUTES.bookingAlternatives, authenticate, ({ user, params }) =>
    flow.alternatives(user, params.id),
  );
}
