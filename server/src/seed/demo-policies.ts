import type { Tx } from "../db/client.js";
import { policyCards } from "../db/schema/index.js";

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const none = { distressTypes: [], disabilityTypes: [], ageMin: null, ageMax: null, householdStatuses: [] };
/** Every demo card says it is demo data: amounts and offices are typical, not a real district's. */
const DEMO_SOURCE = "演示数据（请按本地政策核实）";

/** A few realistic, published demo policy cards (issue 18 §5), one of them overdue for review. */
export async function seedDemoPolicyCards(tx: Tx, socialWorkerId: string): Promise<void> {
  const common = {
    status: "published" as const,
    authorId: socialWorkerId,
    publishedAt: new Date(),
    sourceName: DEMO_SOURCE,
    checkedOn: day(-20),
  };
  await tx.insert(policyCards).values([
    {
      ...common,
      title: "残疾儿童康复救助",
      summary: "0至6岁的残疾儿童可在定点康复机构接受康复训练，费用按年度标准补助。",
      titleEn: "Rehabilitation aid for disabled children",
      summaryEn:
        "Children with a disability aged 0-6 get rehabilitation at approved centres, paid up to a yearly amount.",
      kind: "rehabilitation",
      eligibility: {
        ...none,
        disabilityTypes: [
          "autism",
          "intellectual",
          "cerebral_palsy",
          "hearing",
          "visual",
          "physical",
          "multiple",
        ],
        ageMin: 0,
        ageMax: 6,
      },
      steps: ["到户籍所在街道残联领取申请表", "到定点医院做评估", "把申请表和材料交回街道残联"],
      documents: ["户口本", "儿童残疾证或医院诊断证明", "监护人身份证"],
      whereToApply: { office: "街道残联", address: "各街道便民服务中心" },
      deadline: null,
      reviewBy: day(150),
      keywords: ["康复", "自闭症", "孤独症", "脑瘫"],
    },
    {
      ...common,
      title: "困难残疾人生活补贴",
      summary: "低保家庭或低收入家庭中的残疾人，每月可领生活补贴。",
      titleEn: "Living allowance for disabled people in hardship",
      summaryEn: "A monthly allowance for disabled people in minimum-income or low-income households.",
      kind: "subsidy",
      eligibility: { ...none, householdStatuses: ["dibao", "low_income"] },
      steps: ["向社区居委会提出申请", "街道审核后公示", "区民政局审批，按月发放"],
      documents: ["户口本", "残疾证", "低保证或低收入证明", "银行卡"],
      whereToApply: { office: "社区居委会" },
      deadline: null,
      reviewBy: day(90),
      keywords: ["两项补贴", "生活补贴"],
    },
    {
      ...common,
      title: "重度残疾人护理补贴",
      summary: "残疾等级为一级、二级的重度残疾人，每月可领护理补贴。",
      titleEn: "Care allowance for severely disabled people",
      summaryEn: "A monthly care allowance for people with a grade 1 or 2 disability certificate.",
      kind: "subsidy",
      eligibility: {
        ...none,
        distressTypes: ["illness_or_disability"],
        disabilityTypes: ["cerebral_palsy", "multiple", "intellectual"],
      },
      steps: ["向社区居委会提出申请", "街道审核", "区残联审批，按月发放"],
      documents: ["户口本", "一级或二级残疾证", "银行卡"],
      whereToApply: { office: "社区居委会" },
      deadline: day(45),
      reviewBy: day(-3),
      keywords: ["两项补贴", "护理补贴"],
    },
    {
      ...common,
      title: "最低生活保障（低保）",
      summary: "家庭人均收入低于当地低保标准、财产符合规定的，可以申请低保。",
      titleEn: "Minimum living guarantee (dibao)",
      summaryEn:
        "Households whose income per person is below the local line, with limited assets, may apply.",
      kind: "subsidy",
      eligibility: { ...none, distressTypes: ["poverty"] },
      steps: ["向户籍所在街道提出书面申请", "配合入户调查和收入核对", "公示无异议后按月发放"],
      documents: ["户口本", "身份证", "家庭收入说明", "银行卡"],
      whereToApply: { office: "街道社会救助窗口", url: "https://www.mca.gov.cn/" },
      deadline: null,
      reviewBy: day(120),
      keywords: ["低保", "救助"],
    },
  ]);
}
