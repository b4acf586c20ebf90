import type { Express } from "express";
import helmet from "helmet";

/**
 * Helmet (CSP and friends), CORS for the one configured origin, and `Cache-Control: no-store` on
 * every API answer: they carry personal data and must never be kept by browsers or shared caches.
 */
export function securityHeaders(app: Express, corsOrigin: string | undefined): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'", "ws:", "wss:"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
    }),
  );
  if (corsOrigin) {
    const origin = corsOrigin;
    app.use((req, res, next) => {
      if (req.headers.origin === origin) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Vary", "Origin");
        res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Requested-With");
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE");
      }
      if (req.method === "OPTIONS") {
        res.status(204).end();
        return;
      }
      next();
    });
  }
  app.use("/api", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
}
