/**
 * What a completeness or queue read needs of a province's plans: the reporting duty of the
 * version in force (the newest published one). One select, used wherever a duty is judged.
 */
export const planInForceDuty = {
  select: {
    versions: {
      where: { status: 'published' },
      orderBy: { version: 'desc' },
      take: 1,
      select: {
        startYear: true,
        reportingFrequency: true,
        reportingStartsOn: true,
        reportingDeadlineDays: true,
      },
    },
  },
} as const;
