import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, RESPONDED } from "../../http/mount.js";
import type { ReportsService } from "./reports.service.js";

/** /api/report-projects: projects, their evaluation report and its CSV. */
export function reportsRoutes(router: Router, authenticate: Authenticate, reports: ReportsService): void {
  mount(router, ROUTES.createReportProject, authenticate, ({ user, body }) => reports.create(user, body));
  mount(router, ROUTES.listReportProjects, authenticate, ({ user }) => reports.list(user));
  mount(router, ROUTES.getReportProject, authenticate, ({ user, params }) => reports.get(user, params.id));
  mount(router, ROUTES.updateReportProject, authenticate, ({ params, body }) =>
    reports.update(params.id, body),
  );
  mount(router, ROUTES.getProjectReport, authenticate, ({ user, params, query }) =>
    reports.report(user, params.id, query.locale),
  );
  mount(router, ROUTES.getProjectReportCsv, authenticate, async ({ user, params, query, res }) => {
    const csv = await reports.csv(user, params.id, query.locale);
    res
      .status(200)
      .set({
        "Content-Type": "text/csv; charset=utf-8",
        // An ASCII fallback name and the real one (RFC 6266) for Chinese project names.
        "Content-Disposition": `attachment; filename="report.csv"; filename*=UTF-8''${encodeURIComponent(`${csv.name}.csv`)}`,
        "Cache-Control": "private, no-store",
      })
      .send(csv.body);
    return RESPONDED;
  });
}
