import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { ErasureService } from "./erasure.service.js";
import type { ExportService } from "./export.service.js";

/** /api/me/export, /api/me/deletion, /api/me/delete */
export function privacyRoutes(
  router: Router,
  authenticate: Authenticate,
  s: { exports: ExportService; erasure: ErasureService },
): void {
  mount(router, ROUTES.exportMyData, authenticate, async ({ user, res }) => {
    const data = await s.exports.export(user);
    const day = data.exportedAt.slice(0, 10);
    // A download, never cached by the browser or a proxy (it is the family's whole record).
    res.setHeader("Content-Disposition", `attachment; filename="carecircle-data-${day}.json"`);
    res.setHeader("Cache-Control", "no-store");
    return data;
  });
  mount(router, ROUTES.previewAccountDeletion, authenticate, ({ user }) => s.erasure.preview(user));
  mount(router, ROUTES.deleteMyAccount, authenticate, ({ user, body, req }) =>
    s.erasure.deleteAccount(user, body.password, req.ip ?? req.socket.remoteAddress),
  );
}
