/** Chat events the server sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the chat module
export interface ChatServerEvents {}

/** Chat events the client sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the chat module
export interface ChatClientEvents {}
