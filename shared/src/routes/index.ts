import { bookingRoutes } from "./booking.js";
import { coreRoutes } from "./core.js";
import { notificationRoutes } from "./notifications.js";
import { stationRoutes } from "./stations.js";

/** Every HTTP route of the API. Feature modules add their own record here. */
export const ROUTES = {
  ...coreRoutes,
  ...notificationRoutes,
  ...stationRoutes,
  ...bookingRoutes,
} as const;
export type RouteName = keyof typeof ROUTES;

export * from "./define.js";
