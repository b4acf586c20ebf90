import { activityRoutes } from "./activities.js";
import { alertRoutes } from "./alerts.js";
import { bookingRoutes } from "./booking.js";
import { careNeedRoutes } from "./care-needs.js";
import { caseRoutes } from "./cases.js";
import { chatRoutes } from "./chat.js";
import { coreRoutes } from "./core.js";
import { directRoutes } from "./direct.js";
import { familyJoinRoutes } from "./family-join.js";
import { mediaRoutes } from "./media.js";
import { moderationRoutes } from "./moderation.js";
import { notificationRoutes } from "./notifications.js";
import { policyRoutes } from "./policies.js";
import { privacyRoutes } from "./privacy.js";
import { pushRoutes } from "./push.js";
import { recoveryRoutes } from "./recovery.js";
import { reportRoutes } from "./reports.js";
import { scaleRoutes } from "./scales.js";
import { searchRoutes } from "./search.js";
import { staffingRoutes } from "./staffing.js";
import { stationDayRoutes } from "./station-day.js";
import { stationRoutes } from "./stations.js";
import { supportMapRoutes } from "./support-map.js";

/** Every HTTP route of the API. Feature modules add their own record here. */
export const ROUTES = {
  ...coreRoutes,
  ...familyJoinRoutes,
  ...notificationRoutes,
  ...chatRoutes,
  ...directRoutes,
  ...mediaRoutes,
  ...moderationRoutes,
  ...alertRoutes,
  ...stationRoutes,
  ...bookingRoutes,
  ...privacyRoutes,
  ...pushRoutes,
  ...recoveryRoutes,
  ...searchRoutes,
  ...reportRoutes,
  ...policyRoutes,
  ...caseRoutes,
  ...scaleRoutes,
  ...supportMapRoutes,
  ...stationDayRoutes,
  ...activityRoutes,
  ...careNeedRoutes,
  ...staffingRoutes,
} as const;
export type RouteName = keyof typeof ROUTES;

export type { CaseRouteName } from "./cases.js";
export * from "./define.js";
