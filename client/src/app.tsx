import type { Role } from "@carecircle/shared";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from "react-router";
import { AppLayout, PublicLayout } from "./components/layout";
import { Loading, Page } from "./components/ui";
import { useAuth } from "./hooks/use-auth";
import { AdminUsersPage } from "./routes/admin-users";
import { AlertsPage } from "./routes/alerts";
import { BookForFamilyPage, BookPage } from "./routes/book";
import { BookingsPage } from "./routes/bookings";
import { CheckinPage } from "./routes/checkin";
import { ChildFormPage } from "./routes/child-form";
import { ChildrenPage } from "./routes/children";
import { CrisisHelpPage } from "./routes/crisis-help";
import { FamiliesPage } from "./routes/families";
import { FamilyPage } from "./routes/family";
import { FamilyDetailPage } from "./routes/family-detail";
import { GroupChatPage } from "./routes/group-chat";
import { GroupManagePage } from "./routes/group-manage";
import { GroupsPage } from "./routes/groups";
import { HomePage } from "./routes/home";
import { LoginPage } from "./routes/login";
import { DirectChatPage, MessagesPage } from "./routes/messages";
import { QueuePage } from "./routes/moderation";
import { AuditPage, WordsPage } from "./routes/moderation-tools";
import { NotificationsPage } from "./routes/notifications";
import { RegisterPage } from "./routes/register";
import { ResetPage } from "./routes/reset";
import { RosterPage } from "./routes/roster";
import { SettingsPage } from "./routes/settings";
import { SlotsPage } from "./routes/slots";
import { StationEditPage } from "./routes/station-edit";
import { StationsPage } from "./routes/stations";

// the dashboard draws charts (recharts): load it only when opened
const DashboardPage = lazy(() => import("./routes/dashboard").then((m) => ({ default: m.DashboardPage })));

function RequireAuth() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout />;
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

const router = createBrowserRouter([
  {
    element: <RequireGuest />,
    children: [
      { path: "/login", element: <LoginPage /> },
      { path: "/register", element: <RegisterPage /> },
      { path: "/reset", element: <ResetPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/settings", element: <SettingsPage /> },
      { path: "/notifications", element: <NotificationsPage /> },
      {
        element: <Only roles={["caregiver"]} />,
        children: [
          { path: "/children", element: <ChildrenPage /> },
          { path: "/children/new", element: <ChildFormPage /> },
          { path: "/children/:id", element: <ChildFormPage /> },
          { path: "/family", element: <FamilyPage /> },
          { path: "/book", element: <BookPage /> },
          { path: "/bookings", element: <BookingsPage /> },
          { path: "/checkin", element: <CheckinPage /> },
        ],
      },
      {
        element: <Only roles={["caregiver", "social_worker", "admin"]} />,
        children: [
          { path: "/groups", element: <GroupsPage /> },
          { path: "/groups/:id", element: <GroupChatPage /> },
        ],
      },
      {
        element: <Only roles={["caregiver", "social_worker"]} />,
        children: [
          { path: "/messages", element: <MessagesPage /> },
          { path: "/messages/:id", element: <DirectChatPage /> },
        ],
      },
      {
        element: <Only roles={["social_worker", "admin"]} />,
        children: [
          { path: "/families", element: <FamiliesPage /> },
          { path: "/families/:id", element: <FamilyDetailPage /> },
          { path: "/families/:id/book", element: <BookForFamilyPage /> },
          { path: "/stations", element: <StationsPage /> },
          { path: "/stations/:id", element: <StationEditPage /> },
          { path: "/moderation", element: <QueuePage /> },
          { path: "/alerts", element: <AlertsPage /> },
          { path: "/words", element: <WordsPage /> },
          { path: "/audit", element: <AuditPage /> },
          { path: "/crisis-help", element: <CrisisHelpPage /> },
          { path: "/groups/:id/manage", element: <GroupManagePage /> },
          {
            path: "/dashboard",
            element: (
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            ),
          },
        ],
      },
      {
        element: <Only roles={["station_staff", "social_worker", "admin"]} />,
        children: [{ path: "/slots", element: <SlotsPage /> }],
      },
      {
        element: <Only roles={["station_staff", "admin"]} />,
        children: [{ path: "/roster", element: <RosterPage /> }],
      },
      {
        element: <Only roles={["admin"]} />,
        children: [{ path: "/admin/users", element: <AdminUsersPage /> }],
      },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
