import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { SeriesService } from "./series.service.js";

/** /api/bookings/series: recurring respite (issue 19 §2). */
export function seriesRoutes(router: Router, authenticate: Authenticate, series: SeriesService): void {
  mount(router, ROUTES.createBookingSeries, authenticate, ({ user, body }) => series.create(user, body));
  mount(router, ROUTES.getBookingSeries, authenticate, ({ user, params }) => series.get(user, params.id));
  mount(router, ROUTES.cancelBookingSeries, authenticate, ({ user, params, body }) =>
    series.cancel(user, params.id, body.from),
  );
}
