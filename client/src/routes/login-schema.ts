// The sign-in form's schema, in a chunk of its own: zod is not part of the first screen, and this
// chunk is fetched once the page is idle, long before anyone has typed a password (decision 119).
export { LoginSchema } from "@carecircle/shared";
