import type { Express } from "express";
import helmet from "helmet";

/**
 * Helmet (CSP and friends), CORS for the one configured origin, and `Cache-Control: no-store` on
 * every API answer: they carry personal data and must never be kept by browsers or shared caches.
 */
export function securityHeaders(app: Express, corsOrigin: string | undefined): void {
  // Hashed scripts, styles and images under /assets are no documents: CSP, framing, opener and
  // referrer headers do nothing there, and on a first visit their ~1 KB per file was most of what
  // the many small chunks cost on a slow phone network. They keep nosniff, CORP and HSTS.
  const assets = helmet({
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const documents = helmet({
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
  });
  // (an SVG can be opened as a document, so it keeps the document headers)
  const lean = (p: string) => p.startsWith("/assets/") && !p.endsWith(".svg");
  app.use((req, res, next) => (lean(req.path) ? assets : documents)(req, res, next));
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
