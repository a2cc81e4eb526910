/**
 * Readings of the national plan a reviewer may dispute, and what the plan would say under the
 * other reading: the ambition check lists a gap that holds under only one of them as
 * "contested" instead of asserting it.
 */
import type { PlanModel } from './types.ts';

/**
 * The one contested reading of the national plan (seeds/README.md "Readings changed"): its
 * ladders say "统筹地区启动DRG/DIP付费改革工作后，按三年安排…", and 启动 there refers back to clause 1,
 * "启动…统筹地区开展DRG/DIP支付方式改革并实际付费" — the tracker counts them from actual payment.
 * Read on its own, 启动 is launch: the alternative reading counts the same ladders from launch.
 */
export const CONTESTED_READING = {
  zh: '国家方案“统筹地区启动DRG/DIP付费改革工作后，按三年安排”中的“启动”：本系统按第 1 条“启动…开展DRG/DIP支付方式改革并实际付费”理解为开始实际付费之年；若理解为启动改革（准备）之年，结论不同。',
  en: 'The national "统筹地区启动DRG/DIP付费改革工作后，按三年安排": the tracker reads 启动 as clause 1\'s "启动…并实际付费" (the year actual payment starts); read as the year of launch, the verdict differs.',
};

/** The national plan under the alternative reading: ladders counted from actual payment counted from launch. */
export function alternativeReading(
  national: PlanModel,
): { plan: PlanModel; targets: string[] } | null {
  const contested = national.targets.filter(
    (t) => t.kind === 'eventLadder' && t.event === 'actualPayment',
  );
  if (contested.length === 0) return null;
  return {
    plan: {
      ...national,
      targets: national.targets.map((t) =>
        contested.includes(t) ? { ...t, event: 'launch' as const } : t,
      ),
    },
    targets: contested.map((t) => t.key),
  };
}
