// The chat's form schemas, a chunk of their own (decision 119): loaded through `loadChatSchemas`
// (lazy-schemas.ts), never imported statically, so zod is not part of the chat's first screen.
export { MessageBody, Reason } from "@carecircle/shared";
