import { z } from "zod";
import { IdParams } from "../schemas/common.js";
import {
  ProjectReportQuery,
  ProjectReportSchema,
  ReportProjectCreateSchema,
  ReportProjectSchema,
  ReportProjectUpdateSchema,
} from "../schemas/reports.js";
import { defineRoutes } from "./define.js";

const READERS = ["social_worker", "admin"] as const;

/**
 * Report projects and their evaluation report (issue 18 §4): admins define a project; the social
 * workers named on it read it; the report is computed on request, anonymised, small cells suppressed.
 */
export const reportRoutes = defineRoutes({
  createReportProject: {
    method: "post",
    path: "/api/report-projects",
    summary: "Define a report project: stations or a district, a date range, families and social workers",
    tag: "evaluation",
    access: ["admin"],
    body: ReportProjectCreateSchema,
    response: ReportProjectSchema,
    status: 201,
  },
  listReportProjects: {
    method: "get",
    path: "/api/report-projects",
    summary: "Report projects: every one for admins, those a social worker is on for her",
    tag: "evaluation",
    access: READERS,
    relations: ["project_member"],
    response: z.object({ projects: z.array(ReportProjectSchema) }),
  },
  getReportProject: {
    method: "get",
    path: "/api/report-projects/:id",
    summary: "One report project",
    tag: "evaluation",
    access: READERS,
    relations: ["project_member"],
    params: IdParams,
    response: ReportProjectSchema,
  },
  updateReportProject: {
    method: "patch",
    path: "/api/report-projects/:id",
    summary: "Change a report project",
    tag: "evaluation",
    access: ["admin"],
    params: IdParams,
    body: ReportProjectUpdateSchema,
    response: ReportProjectSchema,
  },
  getProjectReport: {
    method: "get",
    path: "/api/report-projects/:id/report",
    summary: "The project's evaluation report, computed now (anonymised, cells under 5 families suppressed)",
    tag: "evaluation",
    access: READERS,
    relations: ["project_member"],
    params: IdParams,
    query: ProjectReportQuery,
    response: ProjectReportSchema,
  },
  getProjectReportCsv: {
    method: "get",
    path: "/api/report-projects/:id/report.csv",
    summary: "The report's figures as CSV (UTF-8 with BOM), suppressed cells written <5",
    tag: "evaluation",
    access: READERS,
    relations: ["project_member"],
    params: IdParams,
    query: ProjectReportQuery,
    produces: "text/csv",
  },
});
