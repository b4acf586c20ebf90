import type { Role } from "@carecircle/shared";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Navigate, Outlet, type RouteObject, useLocation, useRoutes } from "react-router";
import { PublicLayout } from "./components/public-layout";
import { Loading, Page } from "./components/ui";
import { useAuth } from "./hooks/use-auth";
import { allStrings } from "./i18n";
// The sign-in page is most visitors' first screen and tiny: in the entry, not a chunk after it.
import { LoginPage as Login } from "./routes/login";
import { loadAppLayout } from "./warm-start";

/**
 * Every page is its own chunk, fetched when first shown (decision 103): a caregiver never downloads
 * the dashboard's charts, the admin, moderation, roster, slot or station pages. A page also waits
 * for the rest of its language's strings (only the sign-in page's are in the entry, decision 147).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactNode {
  const Lazy = lazy<ComponentType>(() =>
    Promise.all([load(), allStrings()]).then(([m]) => ({ default: m[name] })),
  );
  return (
    <Suspense fallback={<Loading />}>
      <Lazy />
    </Suspense>
  );
}

const ActivitiesPage = page(() => import("./routes/activities"), "ActivitiesPage");
const ActivityPage = page(() => import("./routes/activities"), "ActivityPage");
const AdminScalesPage = page(() => import("./routes/admin-scales"), "AdminScalesPage");
const AdminUsersPage = page(() => import("./routes/admin-users"), "AdminUsersPage");
const AlertsPage = page(() => import("./routes/alerts"), "AlertsPage");
const BookForFamilyPage = page(() => import("./routes/book"), "BookForFamilyPage");
const BookPage = page(() => import("./routes/book"), "BookPage");
const BookingsPage = page(() => import("./routes/bookings"), "BookingsPage");
const CaseIntakePage = page(() => import("./routes/case-intake"), "CaseIntakePage");
const CasePage = page(() => import("./routes/case"), "CasePage");
const CasesPage = page(() => import("./routes/cases"), "CasesPage");
const CarePlansPage = page(() => import("./routes/care-plans"), "CarePlansPage");
const IncidentPage = page(() => import("./routes/incidents"), "IncidentPage");
const IncidentsPage = page(() => import("./routes/incidents"), "IncidentsPage");
const CheckinPage = page(() => import("./routes/checkin"), "CheckinPage");
const ChildFormPage = page(() => import("./routes/child-form"), "ChildFormPage");
const ChildrenPage = page(() => import("./routes/children"), "ChildrenPage");
const DashboardPage = page(() => import("./routes/dashboard"), "DashboardPage");
const CrisisHelpPage = page(() => import("./routes/crisis-help"), "CrisisHelpPage");
const FamiliesPage = page(() => import("./routes/families"), "FamiliesPage");
const FamilyPage = page(() => import("./routes/family"), "FamilyPage");
const FamilyDetailPage = page(() => import("./routes/family-detail"), "FamilyDetailPage");
const GroupChatPage = page(() => import("./routes/group-chat"), "GroupChatPage");
const GroupManagePage = page(() => import("./routes/group-manage"), "GroupManagePage");
const GroupsPage = page(() => import("./routes/groups"), "GroupsPage");
const HomePage = page(() => import("./routes/home"), "HomePage");
const LoginPage = <Login />;
const DirectChatPage = page(() => import("./routes/messages"), "DirectChatPage");
const MessagesPage = page(() => import("./routes/messages"), "MessagesPage");
const ReportPage = page(() => import("./routes/report"), "ReportPage");
const ReportProjectsPage = page(() => import("./routes/reports"), "ReportProjectsPage");
const ResetPage = page(() => import("./routes/reset"), "ResetPage");
const ScaleFillPage = page(() => import("./routes/scale-fill"), "ScaleFillPage");
const SearchPage = page(() => import("./routes/search"), "SearchPage");
const PoliciesPage = page(() => import("./routes/policies"), "PoliciesPage");
const PolicyDetailPage = page(() => import("./routes/policy-detail"), "PolicyDetailPage");
const PolicyEditPage = page(() => import("./routes/policy-edit"), "PolicyEditPage");
const QueuePage = page(() => import("./routes/moderation"), "QueuePage");
const AuditPage = page(() => import("./routes/moderation-tools"), "AuditPage");
const WordsPage = page(() => import("./routes/moderation-tools"), "WordsPage");
const NotificationsPage = page(() => import("./routes/notifications"), "NotificationsPage");
const RegisterPage = page(() => import("./routes/register"), "RegisterPage");
const RosterPage = page(() => import("./routes/roster"), "RosterPage");
const SettingsPage = page(() => import("./routes/settings"), "SettingsPage");
const SlotsPage = page(() => import("./routes/slots"), "SlotsPage");
const StationEditPage = page(() => import("./routes/station-edit"), "StationEditPage");
const StationsPage = page(() => import("./routes/stations"), "StationsPage");
const CoverageAlertPage = page(() => import("./routes/coverage-alert"), "CoverageAlertPage");
const StationStaffingPage = page(() => import("./routes/station-staffing"), "StationStaffingPage");

/** The signed-in frame is a chunk of its own: a visitor on the sign-in page never loads it. */
const AppLayout = lazy(() => loadAppLayout().then((m) => ({ default: m.AppLayout })));

function RequireAuth() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Suspense fallback={<Loading />}>
      <AppLayout />
    </Suspense>
  );
}

/** Signed-out pages; once signed in, go where the user was headed (new caregivers: add a child). */
function RequireGuest() {
  const { user } = useAuth();
  const location = useLocation();
  if (user) {
    const from = (location.state as { from?: string } | null)?.from;
    const to = location.pathname === "/register" ? "/children" : from && from !== "/login" ? from : "/";
    return <Navigate to={to} replace />;
  }
  return <PublicLayout />;
}

/** Only these roles may see the nested pages (the server enforces it too). */
function Only({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <NotFound />;
  return children ?? <Outlet />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t("common.notFound")}>
      <p>{t("common.notFoundHelp")}</p>
    </Page>
  );
}

// Declarative routing (`useRoutes` in a `BrowserRouter`): the app uses no loaders or actions, and
// the data router's code would be a fifth of the first screen's router bytes (decision 103).
const ROUTE_TREE: RouteObject[] = [
  {
    element: <RequireGuest />,
    children: [
      { path: "/login", element: LoginPage },
      { path: "/register", element: RegisterPage },
      { path: "/reset", element: ResetPage },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      { path: "/", element: HomePage },
      { path: "/settings", element: SettingsPage },
      { path: "/notifications", element: NotificationsPage },
      { path: "/policies", element: PoliciesPage },
      { path: "/policies/:id", element: PolicyDetailPage },
      { path: "/incidents", element: IncidentsPage },
      { path: "/incidents/:id", element: IncidentPage },
      { path: "/care-plans", element: CarePlansPage },
      { path: "/activities", element: ActivitiesPage },
      { path: "/activities/:id", element: ActivityPage },
      {
        element: <Only roles={["caregiver"]} />,
        children: [
          { path: "/children", element: ChildrenPage },
          { path: "/children/new", element: ChildFormPage },
          { path: "/children/:id", element: ChildFormPage },
          { path: "/family", element: FamilyPage },
          { path: "/book", element: BookPage },
          { path: "/bookings", element: BookingsPage },
          { path: "/checkin", element: CheckinPage },
        ],
      },
      {
        element: <Only roles={["caregiver", "social_worker", "admin"]} />,
        children: [
          { path: "/groups", element: GroupsPage },
          { path: "/groups/:id", element: GroupChatPage },
          { path: "/search", element: SearchPage },
          { path: "/questionnaires/:id", element: ScaleFillPage },
        ],
      },
      {
        element: <Only roles={["caregiver", "social_worker"]} />,
        children: [
          { path: "/messages", element: MessagesPage },
          { path: "/messages/:id", element: DirectChatPage },
        ],
      },
      {
        element: <Only roles={["social_worker", "admin"]} />,
        children: [
          { path: "/families", element: FamiliesPage },
          { path: "/families/:id", element: FamilyDetailPage },
          { path: "/families/:id/book", element: BookForFamilyPage },
          { path: "/families/:id/case", element: CaseIntakePage },
          { path: "/cases", element: CasesPage },
          { path: "/cases/:id", element: CasePage },
          { path: "/stations", element: StationsPage },
          { path: "/stations/:id", element: StationEditPage },
          { path: "/stations/:id/staffing", element: StationStaffingPage },
          { path: "/moderation", element: QueuePage },
          { path: "/alerts", element: AlertsPage },
          { path: "/words", element: WordsPage },
          { path: "/audit", element: AuditPage },
          { path: "/crisis-help", element: CrisisHelpPage },
          { path: "/groups/:id/manage", element: GroupManagePage },
          { path: "/dashboard", element: DashboardPage },
          { path: "/reports", element: ReportProjectsPage },
          { path: "/reports/:id", element: ReportPage },
          { path: "/policies/new", element: PolicyEditPage },
          { path: "/policies/:id/edit", element: PolicyEditPage },
        ],
      },
      {
        element: <Only roles={["station_staff", "social_worker", "admin"]} />,
        children: [
          { path: "/slots", element: SlotsPage },
          { path: "/coverage-alerts/:id", element: CoverageAlertPage },
        ],
      },
      {
        element: <Only roles={["station_staff", "admin"]} />,
        children: [{ path: "/roster", element: RosterPage }],
      },
      {
        element: <Only roles={["admin"]} />,
        children: [
          { path: "/admin/users", element: AdminUsersPage },
          { path: "/admin/scales", element: AdminScalesPage },
        ],
      },
      { path: "*", element: <NotFound /> },
    ],
  },
];

function AppRoutes() {
  return useRoutes(ROUTE_TREE);
}

/** The whole client: every page by path, each behind its sign-in and role gate. */
export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
