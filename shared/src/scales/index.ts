export * from "./family-resilience.js";
export * from "./range.js";
export * from "./reliable-change.js";
export * from "./schema.js";
export * from "./score.js";
export * from "./ssrs.js";
