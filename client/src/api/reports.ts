import type { Locale, ReportProjectCreate } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

const keys = {
  projects: ["report-projects"] as const,
  report: (id: string, locale: Locale) => ["report-projects", id, "report", locale] as const,
};

/** Report projects the caller may read (admins: all). */
export function useReportProjects() {
  return useQuery({
    queryKey: keys.projects,
    queryFn: () => call(ROUTES.listReportProjects),
    select: (d) => d.projects,
  });
}

/** An admin defines a project. */
export function useCreateReportProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportProjectCreate) => call(ROUTES.createReportProject, { body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.projects }),
  });
}

/** The project's report, computed by the server now. */
export function useProjectReport(id: string, locale: Locale) {
  return useQuery({
    queryKey: keys.report(id, locale),
    queryFn: () => call(ROUTES.getProjectReport, { params: { id }, query: { locale } }),
  });
}

/** Social worker accounts an admin can put on a project. */
export function useSocialWorkers(enabled: boolean) {
  return useQuery({
    queryKey: ["admin", "users"],
    queryFn: () => call(ROUTES.adminListUsers),
    select: (d) => d.users.filter((u) => u.role === "social_worker" && u.status === "active"),
    enabled,
  });
}

/** Fetch the report's CSV (it needs the bearer token, so not a plain link) and save it. */
export async function downloadReportCsv(id: string, locale: Locale, fileName: string): Promise<void> {
  const blob = await call(ROUTES.getProjectReportCsv, { params: { id }, query: { locale } });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
