import type {
  Locale,
  ProjectReport,
  ReportProject,
  ReportProjectCreate,
  ReportProjectUpdate,
} from "@carecircle/shared";
import { localInstant } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { addCalendarDays } from "../slots/local-time.js";
import { reportCsv } from "./report-csv.js";
import { reportFiguresRepo as figures } from "./report-figures.repo.js";
import { outcomesSection } from "./report-outcomes.js";
import {
  type ProjectValues,
  type ReportProjectRow,
  reportProjectsRepo as repo,
} from "./report-projects.repo.js";
import type { ReportSources } from "./report-sources.js";
import { databaseSources } from "./report-sources.repo.js";
import {
  caseworkSection,
  familiesSection,
  groupActivitiesSection,
  groupsSection,
  presentProject,
  respiteSection,
  safeguardingSection,
} from "./reports.presenter.js";

/** The report of one project, computed now from the live tables. */
async function computeReport(
  { db, config }: Deps,
  sources: ReportSources,
  row: ReportProjectRow,
  project: ReportProject,
  lang: Locale,
): Promise<ProjectReport> {
  const from = localInstant(row.fromDate, "00:00", config.timeZone);
  const to = localInstant(addCalendarDays(row.toDate, 1), "00:00", config.timeZone);
  const scope = { stationIds: row.stationIds, district: row.district };
  const familyIds = await figures.projectFamilies(
    db,
    { ...scope, familyIds: row.familyIds, socialWorkerIds: project.socialWorkerIds },
    from,
    to,
  );
  const span = { familyIds, socialWorkerIds: project.socialWorkerIds, from, to };
  return {
    project,
    generatedAt: new Date().toISOString(),
    families: familiesSection(
      familyIds.length,
      await figures.familiesByStation(db, familyIds, scope, from, to),
    ),
    respite: respiteSection(await figures.respite(db, familyIds, scope, from, to)),
    groups: groupsSection(await figures.groups(db, familyIds, from, to)),
    groupActivities: groupActivitiesSection(await figures.groupActivities(db, familyIds, from, to)),
    safeguarding: safeguardingSection(await figures.safeguarding(db, familyIds, from, to)),
    casework: caseworkSection(await sources.casework(span), lang),
    outcomes: outcomesSection(await sources.outcomes(span), lang),
  };
}

/**
 * Report projects and the evaluation report (issue 18 §4). Admins define projects; a social worker
 * reads only the projects she is on (404 otherwise: a project's existence is not hers to know).
 * Case-work and outcome figures come from `sources` (see report-sources.ts).
 */
export function createReportsService(deps: Deps, sources: ReportSources = databaseSources(deps)) {
  const { db } = deps;
  async function present(rows: ReportProjectRow[]): Promise<ReportProject[]> {
    const sw = await repo.socialWorkersOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentProject(r, sw.get(r.id) ?? []));
  }
  const presentOne = async (row: ReportProjectRow) => (await present([row]))[0]!;

  async function readable(user: AuthUser, id: string): Promise<ReportProjectRow> {
    const row = assertFound(await repo.byId(db, id), "report project");
    if (user.role !== "admin" && !(await repo.isMember(db, id, user.id))) throw notFound("report project");
    return row;
  }

  async function checkRefs(v: { stationIds?: string[]; socialWorkerIds?: string[] }): Promise<void> {
    const stations = await repo.stationIds(db, v.stationIds ?? []);
    if ((v.stationIds ?? []).some((s) => !stations.has(s))) throw invalid("stationIds", "unknown station");
    const sws = await repo.socialWorkerIds(db, v.socialWorkerIds ?? []);
    if ((v.socialWorkerIds ?? []).some((s) => !sws.has(s)))
      throw invalid("socialWorkerIds", "not an active social worker");
  }

  return {
    async create(user: AuthUser, body: Required<ReportProjectCreate>): Promise<ReportProject> {
      await checkRefs(body);
      const { socialWorkerIds, ...values } = body;
      const row = await db.transaction(async (tx) => {
        const inserted = await repo.insert(tx, values, user.id);
        await repo.setSocialWorkers(tx, inserted.id, socialWorkerIds);
        return inserted;
      });
      return presentOne(row);
    },

    async list(user: AuthUser): Promise<{ projects: ReportProject[] }> {
      return { projects: await present(await repo.list(db, user.role === "admin" ? null : user.id)) };
    },

    async get(user: AuthUser, id: string): Promise<ReportProject> {
      return presentOne(await readable(user, id));
    },

    async update(id: string, patch: ReportProjectUpdate): Promise<ReportProject> {
      await checkRefs(patch);
      const { socialWorkerIds, ...values } = patch;
      const row = await db.transaction(async (tx) => {
        const current = assertFound(await repo.byId(tx, id, true), "report project");
        const from = values.from ?? current.fromDate;
        const to = values.to ?? current.toDate;
        if (from > to) throw invalid("to", "from must not be after to");
        const updated =
          Object.keys(values).length > 0 ? await repo.update(tx, id, values as ProjectValues) : current;
        if (socialWorkerIds) await repo.setSocialWorkers(tx, id, socialWorkerIds);
        return updated!;
      });
      return presentOne(row);
    },

    /** The report, computed now from the live tables. */
    async report(user: AuthUser, id: string, lang: Locale): Promise<ProjectReport> {
      const row = await readable(user, id);
      return computeReport(deps, sources, row, await presentOne(row), lang);
    },

    /** The report's figures as CSV text (with a UTF-8 BOM for Excel). */
    async csv(user: AuthUser, id: string, lang: Locale): Promise<{ name: string; body: string }> {
      const row = await readable(user, id);
      const report = await computeReport(deps, sources, row, await presentOne(row), lang);
      return { name: report.project.name, body: reportCsv(report, lang) };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
