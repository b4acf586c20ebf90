import { describe, expect, it } from "vitest";
import { labelLines } from "../../client/src/components/report-chart-labels.js";

describe("labelLines (report bar chart)", () => {
  it("keeps a label that fits on one line", () => {
    expect(labelLines("家访")).toEqual(["家访"]);
    expect(labelLines("Home visit")).toEqual(["Home visit"]);
  });

  it("breaks a long Chinese label before its bracket, so no character is cut off", () => {
    expect(labelLines("资源链接（如补贴申请）")).toEqual(["资源链接", "（如补贴申请）"]);
  });

  it("breaks a long English label at the space nearest the middle", () => {
    expect(labelLines("Resource linking (e.g. subsidies)")).toEqual(["Resource linking", "(e.g. subsidies)"]);
  });

  it("breaks a long label without a good place in the middle", () => {
    const lines = labelLines("一二三四五六七八九十一二");
    expect(lines).toEqual(["一二三四五六", "七八九十一二"]);
  });
});
