/** The matrix rows that write: reports, accounts, region timelines and plans. */
import { expect } from 'vitest';
import { createUser } from '../../../server/modules/users/service.ts';
import { multipartFile, planContent } from '../fixtures/requests.ts';
import { validRows } from '../helper.ts';
import { DRAFT, draftReaders, type Endpoint, everyone, HN, LN, only } from './matrix.ts';
import { currentVersion, draftIfMatch, filledCsv, type Roles, reportIn, send } from './setup.ts';

/** `roles()` is the test file's setup: the calls run after its beforeAll, so they may read it. */
export function writeEndpoints(roles: () => Roles): Endpoint[] {
  let usernameCounter = 0;
  const institutionRow = async () => ({
    institutionCode: 'LN-ROLES-1',
    name: '沈阳市测试医院',
    regionCode: (await validRows(roles().ctx, LN))[0]!.regionCode,
    eligible: true,
    paid: true,
    method: 'DRG' as const,
    inpatientCases: 100,
    groupedCases: 90,
    inpatientFund: '50.50',
    drgDipFund: '30',
  });
  let noPlanProvinces = ['110000', '120000', '130000', '140000', '220000', '230000'];
  return [
    // quarterly reports: only the province's own editors enter and submit; reviewers accept and return
    {
      name: "PUT 辽宁's draft report",
      route: 'PUT /api/provinces/{code}/reports/{period}',
      expect: only(['editorLN'], 200),
      call: async () => ({
        method: 'PUT',
        url: `/api/provinces/${LN}/reports/${DRAFT}`,
        headers: { 'if-match': `"${await currentVersion(roles().ctx, LN, DRAFT)}"` },
        payload: { rows: await validRows(roles().ctx, LN, 2) },
      }),
    },
    {
      name: "PUT 湖南's draft report",
      route: 'PUT /api/provinces/{code}/reports/{period}',
      expect: only(['editorHN'], 200),
      call: async () => ({
        method: 'PUT',
        url: `/api/provinces/${HN}/reports/${DRAFT}`,
        headers: { 'if-match': `"${await currentVersion(roles().ctx, HN, DRAFT)}"` },
        payload: { rows: await validRows(roles().ctx, HN, 2) },
      }),
    },
    {
      name: 'POST …/submit',
      route: 'POST /api/provinces/{code}/reports/{period}/submit',
      expect: only(['editorLN'], 200),
      call: async () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/2023Q1/submit`,
        headers: { 'if-match': `"${await reportIn(roles(), '2023Q1', 'draft')}"` },
      }),
    },
    {
      name: 'POST …/return',
      route: 'POST /api/provinces/{code}/reports/{period}/return',
      expect: only(['reviewer'], 200),
      call: async () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/2023Q2/return`,
        headers: { 'if-match': `"${await reportIn(roles(), '2023Q2', 'submitted')}"` },
        payload: { comment: '请核对沈阳市的入组病例数' },
      }),
    },
    {
      name: 'POST …/accept',
      route: 'POST /api/provinces/{code}/reports/{period}/accept',
      expect: only(['reviewer'], 200),
      call: async () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/2023Q3/accept`,
        headers: { 'if-match': `"${await reportIn(roles(), '2023Q3', 'submitted')}"` },
      }),
    },
    {
      name: 'POST …/comments',
      route: 'POST /api/provinces/{code}/reports/{period}/comments',
      expect: { ...only(['editorLN', 'reviewer'], 200) },
      call: () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/${DRAFT}/comments`,
        payload: { body: '大连市数据已复核' },
      }),
    },
    {
      name: 'POST …/import',
      route: 'POST /api/provinces/{code}/reports/{period}/import',
      expect: only(['editorLN'], 200),
      call: async () => {
        await roles().ctx.db.report.deleteMany({ where: { provinceCode: LN, period: '2023Q4' } });
        const upload = multipartFile(
          '辽宁_2023Q4.csv',
          await filledCsv(roles().ctx, LN),
          'text/csv',
        );
        return {
          method: 'POST',
          url: `/api/provinces/${LN}/reports/2023Q4/import`,
          payload: upload.payload,
          headers: upload.headers,
        };
      },
    },
    // institution figures: what saving the report needs (a quarter apart from the draft above)
    {
      name: 'PUT …/institutions',
      route: 'PUT /api/provinces/{code}/reports/{period}/institutions',
      expect: only(['editorLN'], 200),
      call: async () => ({
        method: 'PUT',
        url: `/api/provinces/${LN}/reports/2022Q4/institutions`,
        headers: { 'if-match': `"${await reportIn(roles(), '2022Q4', 'draft')}"` },
        payload: { rows: [await institutionRow()] },
      }),
    },
    {
      name: 'POST …/institutions/import',
      route: 'POST /api/provinces/{code}/reports/{period}/institutions/import',
      expect: only(['editorLN'], 200),
      call: async () => {
        const r = await institutionRow();
        const upload = multipartFile(
          '辽宁_机构.csv',
          Buffer.from(
            `机构编码,机构名称,统筹地区编码,是否符合条件,是否DRG/DIP付费,付费方式,住院病例数,入组病例数,住院基金支出(万元),DRG/DIP付费基金支出(万元)\n${r.institutionCode},${r.name},${r.regionCode},是,是,DRG,100,90,50.5,30`,
          ),
          'text/csv',
        );
        return {
          method: 'POST',
          url: `/api/provinces/${LN}/reports/2022Q4/institutions/import`,
          payload: upload.payload,
          headers: {
            ...upload.headers,
            'if-match': `"${await reportIn(roles(), '2022Q4', 'draft')}"`,
          },
        };
      },
    },

    // accounts: admins only
    {
      name: 'GET /users',
      route: 'GET /api/users',
      expect: only(['admin'], 200),
      call: () => ({ method: 'GET', url: '/api/users' }),
    },
    {
      name: 'POST /users',
      route: 'POST /api/users',
      expect: only(['admin'], 201),
      call: () => ({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `new_reviewer_${++usernameCounter}`,
          displayName: '新审核员',
          password: 'a-long-password-1',
          role: 'reviewer',
        },
      }),
    },
    {
      name: 'PATCH /users/:id',
      route: 'PATCH /api/users/{id}',
      expect: only(['admin'], 200),
      call: async () => {
        const u = await createUser(
          roles().ctx.db,
          {
            username: `patched_${++usernameCounter}`,
            displayName: '待修改',
            password: 'a-long-password-1',
            role: 'editor',
            provinceCode: LN,
          },
          'system',
        );
        return { method: 'PATCH', url: `/api/users/${u.id}`, payload: { displayName: '已修改' } };
      },
    },

    // region timelines: admins correct them, with a source
    {
      name: 'POST /regions/:code/events',
      route: 'POST /api/regions/{code}/events',
      expect: only(['admin'], 201),
      call: () => ({
        method: 'POST',
        url: '/api/regions/210500/events',
        payload: {
          kind: 'launch',
          occurredOn: '2022-06-30',
          precision: 'day',
          source: '鞍山市医保局通知 2022-06-30',
        },
      }),
    },
    {
      name: 'DELETE /regions/:code/events/:id',
      route: 'DELETE /api/regions/{code}/events/{id}',
      expect: only(['admin'], 204),
      call: async () => {
        const region = await roles().ctx.db.coordinatingRegion.findUniqueOrThrow({
          where: { code: '210900' },
        });
        const e = await roles().ctx.db.regionEvent.create({
          data: {
            regionId: region.id,
            kind: 'simulatedPayment',
            occurredOn: new Date('2022-09-30T00:00:00Z'),
            precision: 'day',
            source: '阜新市模拟付费通知',
          },
        });
        return { method: 'DELETE', url: `/api/regions/210900/events/${e.id}` };
      },
    },

    // plans: admins manage every plan; a province's editors draft their own
    {
      name: 'PUT /plans/:slug/draft',
      route: 'PUT /api/plans/{slug}/draft',
      expect: only(['editorLN', 'admin'], 200),
      call: async () => ({
        method: 'PUT',
        url: '/api/plans/liaoning-2022-1/draft',
        headers: await draftIfMatch(roles().ctx, 'liaoning-2022-1'),
        payload: planContent({ note: '修订' }),
      }),
    },
    {
      name: 'GET /plans/:slug/draft (the draft the row above saved)',
      route: 'GET /api/plans/{slug}/draft',
      expect: draftReaders('editorLN'),
      call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/draft' }),
    },
    {
      name: 'GET /plans/:slug/compare (that draft against the version in force)',
      route: 'GET /api/plans/{slug}/compare',
      expect: draftReaders('editorLN'),
      call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/compare' }),
    },
    {
      name: 'GET /plans/:slug/content (the version in force for all; the draft for its readers)',
      route: 'GET /api/plans/{slug}/content',
      expect: everyone(200),
      call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/content' }),
    },
    {
      name: 'POST /plans/:slug/publish',
      route: 'POST /api/plans/{slug}/publish',
      expect: only(['admin'], 200),
      call: async () => {
        const res = await send(roles(), 'admin', {
          method: 'PUT',
          url: '/api/plans/hunan-2021-75/draft',
          headers: await draftIfMatch(roles().ctx, 'hunan-2021-75'),
          payload: planContent({ note: '待发布' }),
        });
        expect(res.statusCode, res.body).toBe(200);
        return { method: 'POST', url: '/api/plans/hunan-2021-75/publish' };
      },
    },
    {
      name: 'POST /provinces/:code/plans (a province without a plan)',
      route: 'POST /api/provinces/{code}/plans',
      expect: only(['admin'], 201),
      call: () => {
        const code = noPlanProvinces[0]!;
        noPlanProvinces = noPlanProvinces.slice(1);
        return {
          method: 'POST',
          url: `/api/provinces/${code}/plans`,
          payload: { ...planContent(), slug: `plan-${code}` },
        };
      },
    },
  ];
}
