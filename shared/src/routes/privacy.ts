import {
  AccountDeletedSchema,
  AccountDeleteSchema,
  AccountDeletionPreviewSchema,
  DataExportSchema,
} from "../schemas/privacy.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

/** Data protection: the caller's own data export and account erasure. */
export const privacyRoutes = defineRoutes({
  exportMyData: {
    method: "get",
    path: "/api/me/export",
    summary: "Download everything the platform holds about the caller (and their family) as JSON",
    tag: "privacy",
    access: ALL_ROLES,
    relations: ["self"],
    response: DataExportSchema,
  },
  previewAccountDeletion: {
    method: "get",
    path: "/api/me/deletion",
    summary: "What deleting the caller's account would erase, and whether it is possible now",
    tag: "privacy",
    access: ["caregiver"],
    relations: ["self"],
    response: AccountDeletionPreviewSchema,
  },
  deleteMyAccount: {
    method: "post",
    path: "/api/me/delete",
    summary: "Delete the caller's account (password required); irreversible",
    tag: "privacy",
    access: ["caregiver"],
    relations: ["self"],
    body: AccountDeleteSchema,
    response: AccountDeletedSchema,
  },
});
